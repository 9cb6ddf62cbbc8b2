package dev.smalls.shell;

import java.io.PrintWriter;

import dev.smalls.MigrationExecution;
import dev.smalls.MigrationNames;
import dev.smalls.RollbackResult;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;

/**
 * {@code smalls rollback N} or {@code smalls rollback --batches K}.
 */
public class RollbackCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public RollbackCommand(SmallsMigrator migrator) {
		super("rollback", "Roll back to sequence N (N stays applied, 0000 rolls back everything), or the last K batches",
				"smalls rollback <N> | smalls rollback --batches K", 1,
				Option.value("batches", "how many of the latest migrate runs to undo, 1 or more"));
		this.migrator = migrator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		String batches = line.option("batches");
		if ((batches == null) == line.arguments().isEmpty()) {
			throw new UsageException("Give exactly one of a target sequence (e.g. 0002; 0000 rolls back everything) "
					+ "and --batches K.");
		}
		RollbackResult result;
		try {
			result = (batches != null) ? this.migrator.rollbackBatches(number(batches, "--batches", 1))
					: this.migrator.rollback(number(line.arguments().get(0), "The target", 0));
		}
		catch (SmallsMigrationException ex) {
			ex.getCompleted().forEach((execution) -> printRolledBack(out, execution));
			out.println("  " + MigrationNames.display(ex.getFailedSequence(), ex.getFailedName()) + " ... FAILED");
			throw ex;
		}
		if (result.rolledBack().isEmpty()) {
			out.println("Nothing to roll back: the database is at " + MigrationNames.display(result.current()) + ".");
			return;
		}
		result.rolledBack().forEach((execution) -> printRolledBack(out, execution));
		out.println("Rollback is complete: current sequence " + MigrationNames.display(result.current()) + ".");
	}

	private static void printRolledBack(PrintWriter out, MigrationExecution execution) {
		out.println("  " + execution.displayName() + " ... rolled back (" + execution.millis() + " ms)");
	}

}
