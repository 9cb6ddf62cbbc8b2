package dev.smalls.shell;

import java.io.PrintWriter;

import dev.smalls.MigrateResult;
import dev.smalls.MigrationExecution;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;

/**
 * {@code smalls migrate [--to N]}: apply pending migrations.
 */
public class MigrateCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public MigrateCommand(SmallsMigrator migrator) {
		super("migrate", "Apply pending migrations, all of them or up to --to N", "smalls migrate [--to N]", 0,
				Option.value("to", "the last sequence to apply, e.g. 3 or 0003"));
		this.migrator = migrator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		String to = line.option("to");
		MigrateResult result;
		try {
			result = (to != null) ? this.migrator.migrate(number(to, "--to", 0)) : this.migrator.migrate();
		}
		catch (SmallsMigrationException ex) {
			ex.getCompleted().forEach((execution) -> printApplied(out, execution));
			out.println("  " + MigrationNames.display(ex.getFailedSequence(), ex.getFailedName()) + " ... FAILED");
			throw ex;
		}
		if (result.applied().isEmpty()) {
			out.println("Nothing to migrate: the database is at " + MigrationNames.display(result.current()) + ".");
			return;
		}
		result.applied().forEach((execution) -> printApplied(out, execution));
		out.println("Migrations are complete: batch " + result.batch() + ", current sequence "
				+ MigrationNames.display(result.current()) + ".");
	}

	private static void printApplied(PrintWriter out, MigrationExecution execution) {
		out.println("  " + execution.displayName() + " ... applied (" + execution.millis() + " ms)");
	}

}
