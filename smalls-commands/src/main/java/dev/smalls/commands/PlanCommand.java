package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationPlan;
import dev.smalls.PlannedMigration;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;
import dev.smalls.lint.LintResult;

/**
 * {@code smalls plan [--json]}: the exact SQL of every pending migration, code migrations
 * included, in order, as a script or a JSON document. The migrations run where nothing is
 * kept (see {@link SmallsMigrator#plan()}); the database does not change. A migration that
 * fails there fails the command (exit code 1): migrate would fail too.
 */
public class PlanCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public PlanCommand(SmallsMigrator migrator) {
		super("plan", "Show the exact SQL of every pending migration, code migrations included, by running them "
				+ "where nothing is kept; the database does not change", "smalls plan [--json]", 0, JSON);
		this.migrator = migrator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		MigrationPlan plan = this.migrator.plan();
		if (plan.migrations().isEmpty()) {
			out.println("Nothing is pending: migrate would run nothing.");
			return;
		}
		plan.script().forEach(out::println);
		requireRan(plan);
		LintResult lint = this.migrator.lint(plan);
		if (!lint.findings().isEmpty()) {
			out.println();
			lint.describe().lines().forEach((text) -> out.println("-- " + text));
			out.println("-- (smalls lint exits with code 3 on these; write them the safe way or acknowledge them)");
		}
	}

	@Override
	protected void runJson(CommandLine line, Map<String, @Nullable Object> document) {
		MigrationPlan plan = this.migrator.plan();
		document.putAll(ResultDocuments.plan(plan));
		requireRan(plan);
		document.put("lint", ResultDocuments.lint(this.migrator.lint(plan)));
	}

	private static void requireRan(MigrationPlan plan) {
		List<PlannedMigration> failed = plan.migrations().stream()
			.filter((migration) -> migration.outcome() == PlannedMigration.Outcome.FAILED)
			.toList();
		if (!failed.isEmpty()) {
			PlannedMigration first = failed.get(0);
			throw new SmallsException(first.displayName() + " failed where the plan ran it, where nothing is kept: "
					+ "migrate would fail there too. " + first.note(), "Fix " + first.displayName()
							+ " and run smalls plan again; the plan above shows what ran before it.");
		}
	}

}
