package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationExecution;
import dev.smalls.RehearsalProblem;
import dev.smalls.RehearsalResult;
import dev.smalls.SmallsMigrator;

/**
 * {@code smalls rehearse [--all]}: apply the pending migrations (or every one) on a scratch
 * schema, roll them back and apply them again, and name every rollback that does not bring
 * back the schema as it was. Nothing of the migrated database changes. Exit code 3 when a
 * problem is found, for a CI gate.
 */
public class RehearseCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public RehearseCommand(SmallsMigrator migrator) {
		super("rehearse", "Apply the pending migrations on a scratch schema, roll them back and apply them again, "
				+ "naming every rollback that does not put the schema back; the database is not touched",
				"smalls rehearse [--all] [--json]", 0, Option.flag("all", "rehearse every migration from an empty "
						+ "scratch schema, not only the pending ones"), JSON);
		this.migrator = migrator;
	}

	@Override
	protected void runJson(CommandLine line, Map<String, @Nullable Object> document) {
		RehearsalResult result = "true".equals(line.option("all")) ? this.migrator.rehearseAll()
				: this.migrator.rehearse();
		document.put("rehearsed", result.rehearsed().stream().map((migration) -> {
			Map<String, @Nullable Object> json = new LinkedHashMap<>();
			json.put("sequence", migration.sequence());
			json.put("name", migration.name());
			return json;
		}).toList());
		document.put("clean", result.clean());
		document.put("problems", result.problems().stream().map((problem) -> {
			Map<String, @Nullable Object> json = new LinkedHashMap<>();
			json.put("sequence", problem.sequence());
			json.put("name", problem.name());
			json.put("leg", problem.leg().name());
			json.put("differences", problem.differences());
			json.put("error", problem.error());
			return json;
		}).toList());
		document.put("notes", result.notes());
		document.put("millis", result.millis());
		if (!result.clean()) {
			throw new FindingsException(result.problems().size() + " rehearsal problem(s)");
		}
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		boolean all = "true".equals(line.option("all"));
		RehearsalResult result = all ? this.migrator.rehearseAll() : this.migrator.rehearse();
		if (result.rehearsed().isEmpty() && result.clean()) {
			out.println("Nothing is pending: there is nothing to rehearse. To rehearse every migration, run: "
					+ "smalls rehearse --all");
			return;
		}
		for (MigrationExecution migration : result.rehearsed()) {
			boolean found = result.problems().stream().anyMatch((problem) -> problem.sequence() == migration.sequence());
			out.println("  " + migration.displayName() + " ... " + (found ? "PROBLEM" : "ok"));
		}
		result.notes().forEach((note) -> out.println("Note: " + note));
		if (result.clean()) {
			out.println("Rehearsal is clean: " + result.rehearsed().size() + " migration"
					+ ((result.rehearsed().size() == 1) ? "" : "s") + " applied, rolled back and applied again on a "
					+ "scratch schema, each rollback putting the schema back as it was (" + result.millis() + " ms).");
			return;
		}
		out.println("Rehearsal found " + result.problems().size() + " problem"
				+ ((result.problems().size() == 1) ? "" : "s") + " (" + result.millis() + " ms):");
		for (RehearsalProblem problem : result.problems()) {
			out.println("  " + problem.describe());
		}
		out.println("Fix each migration's rollback (or its migrate) so that rolling it back leaves the schema as it "
				+ "was before it, then run: smalls rehearse" + (all ? " --all" : ""));
		throw new FindingsException(result.problems().size() + " rehearsal problem(s)");
	}

}
