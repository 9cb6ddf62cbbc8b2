package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsMigrator;
import dev.smalls.lint.LintResult;
import dev.smalls.lint.LintRule;
import dev.smalls.lint.LintRules;

/**
 * {@code smalls lint [--json] [--rules]}: find, in the pending migrations, DDL and statements
 * that lock a busy table for long, each with why, for how long and the safe way to write it.
 * Exit code 3 when a finding is a problem (a warning or an error not acknowledged), for a CI
 * gate. {@code --rules} lists the rules.
 */
public class LintCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public LintCommand(SmallsMigrator migrator) {
		super("lint", "Find locking DDL in the pending migrations (an index without CONCURRENTLY, a foreign key "
				+ "validated inline, a type change that rewrites the table...), with the safe way to write each",
				"smalls lint [--json] [--rules]", 0, JSON,
				Option.flag("rules", "list the rules, their ids and databases, instead of linting"));
		this.migrator = migrator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		if ("true".equals(line.option("rules"))) {
			for (LintRule rule : LintRules.all()) {
				out.println(rule.id() + " (" + rule.database().displayName() + "): " + rule.title());
			}
			return;
		}
		LintResult result = this.migrator.lint();
		if (result.migrations() == 0) {
			out.println("Nothing is pending: nothing to lint.");
			return;
		}
		out.println(result.describe());
		if (result.hasProblems()) {
			out.println("Write each the safe way shown, or acknowledge it in the migration with a reason: "
					+ "schema.acknowledge(\"<rule>\", \"<why it is safe>\") after the operation, or "
					+ "@Acknowledge(rule = \"<rule>\", reason = \"<why>\") on the class.");
			throw new FindingsException(result.problems().size() + " problem(s)");
		}
	}

	@Override
	protected void runJson(CommandLine line, Map<String, @Nullable Object> document) {
		if ("true".equals(line.option("rules"))) {
			document.put("rules", LintRules.all().stream().map(ResultDocuments::rule).toList());
			return;
		}
		LintResult result = this.migrator.lint();
		document.putAll(ResultDocuments.lint(result));
		if (result.hasProblems()) {
			throw new FindingsException(result.problems().size() + " problem(s)");
		}
	}

}
