package dev.smalls.shell;

import java.io.PrintWriter;

import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;

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

	public MigrateCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		super("migrate", "Apply pending migrations, all of them or up to --to N", "smalls migrate [--to N]", exitCode,
				CommandOption.with().longName("to").description("the last sequence to apply, e.g. 3 or 0003").type(String.class).build());
		this.migrator = migrator;
	}

	@Override
	protected ExitStatus run(CommandContext context, PrintWriter out) {
		onlyOptions(context, "to");
		if (!arguments(context).isEmpty()) {
			throw new UsageException("migrate takes no arguments; use --to N to stop at sequence N.");
		}
		String to = option(context, "to");
		MigrateResult result;
		try {
			result = (to != null) ? this.migrator.migrate(number(to, "--to")) : this.migrator.migrate();
		}
		catch (SmallsMigrationException ex) {
			ex.getCompleted().forEach((execution) -> printApplied(out, execution));
			out.println("  " + MigrationNames.display(ex.getFailedSequence(), ex.getFailedName()) + " ... FAILED");
			throw ex;
		}
		if (result.applied().isEmpty()) {
			out.println("Nothing to migrate: the database is at " + MigrationNames.display(result.current()) + ".");
			return ExitStatus.OK;
		}
		result.applied().forEach((execution) -> printApplied(out, execution));
		out.println("Migrations are complete: batch " + result.batch() + ", current sequence "
				+ MigrationNames.display(result.current()) + ".");
		return ExitStatus.OK;
	}

	private static void printApplied(PrintWriter out, MigrationExecution execution) {
		out.println("  " + execution.displayName() + " ... applied (" + execution.millis() + " ms)");
	}

}
