package dev.smalls.shell;

import java.io.PrintWriter;
import java.util.List;

import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;

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

	public RollbackCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		super("rollback", "Roll back to sequence N (N stays applied, 0000 rolls back everything), or the last K batches",
				"smalls rollback <N> | smalls rollback --batches K", exitCode,
				CommandOption.with().longName("batches").description("how many of the latest migrate runs to undo").type(String.class).build());
		this.migrator = migrator;
	}

	@Override
	protected ExitStatus run(CommandContext context, PrintWriter out) {
		onlyOptions(context, "batches");
		List<String> arguments = arguments(context);
		String batches = option(context, "batches");
		if ((batches == null) == (arguments.size() != 1) || arguments.size() > 1) {
			throw new UsageException("Give exactly one of a target sequence (e.g. 0002; 0000 rolls back everything) "
					+ "and --batches K.");
		}
		RollbackResult result;
		try {
			result = (batches != null) ? this.migrator.rollbackBatches(number(batches, "--batches"))
					: this.migrator.rollback(number(arguments.get(0), "The target"));
		}
		catch (SmallsMigrationException ex) {
			ex.getCompleted().forEach((execution) -> printRolledBack(out, execution));
			out.println("  " + MigrationNames.display(ex.getFailedSequence(), ex.getFailedName()) + " ... FAILED");
			throw ex;
		}
		if (result.rolledBack().isEmpty()) {
			out.println("Nothing to roll back: the database is at " + MigrationNames.display(result.current()) + ".");
			return ExitStatus.OK;
		}
		result.rolledBack().forEach((execution) -> printRolledBack(out, execution));
		out.println("Rollback is complete: current sequence " + MigrationNames.display(result.current()) + ".");
		return ExitStatus.OK;
	}

	private static void printRolledBack(PrintWriter out, MigrationExecution execution) {
		out.println("  " + execution.displayName() + " ... rolled back (" + execution.millis() + " ms)");
	}

}
