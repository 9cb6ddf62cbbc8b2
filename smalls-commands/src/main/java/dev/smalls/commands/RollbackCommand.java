package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationExecution;
import dev.smalls.MigrationNames;
import dev.smalls.RollbackResult;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;

/**
 * {@code smalls rollback N} or {@code smalls rollback --batches K}, on the application's
 * database, one tenant's, or every tenant's.
 */
public class RollbackCommand extends SmallsCommand {

	private final TenantOptions tenants;

	public RollbackCommand(SmallsMigrator migrator) {
		this(migrator, null);
	}

	public RollbackCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants) {
		super("rollback", "Roll back to sequence N (N stays applied, 0000 rolls back everything), or the last K batches",
				"smalls rollback <N> | smalls rollback --batches K [--tenant ID | --all-tenants]", 1,
				Option.value("batches", "how many of the latest migrate runs to undo, 1 or more"),
				TenantOptions.TENANT, TenantOptions.ALL_TENANTS);
		this.tenants = new TenantOptions(migrator, tenants);
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		String batches = line.option("batches");
		if ((batches == null) == line.arguments().isEmpty()) {
			throw new UsageException("Give exactly one of a target sequence (e.g. 0002; 0000 rolls back everything) "
					+ "and --batches K.");
		}
		Function<SmallsMigrator, RollbackResult> rollback;
		if (batches != null) {
			int count = number(batches, "--batches", 1);
			rollback = (migrator) -> migrator.rollbackBatches(count);
		}
		else {
			int target = number(line.arguments().get(0), "The target", 0);
			rollback = (migrator) -> migrator.rollback(target);
		}
		if (this.tenants.all(line)) {
			TenantsReport.print(this.tenants.tenants().each(rollback), RollbackCommand::summary, getName(), line, out);
			out.println("Rollback is complete on every tenant.");
			return;
		}
		TenantOptions.Target target = this.tenants.toChange(line, true);
		target.announce(out);
		RollbackResult result;
		try {
			result = rollback.apply(target.migrator());
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

	private static String summary(RollbackResult result) {
		if (result.rolledBack().isEmpty()) {
			return "nothing to roll back, at " + MigrationNames.display(result.current());
		}
		return result.rolledBack().size() + " rolled back (" + String.join(", ",
				result.rolledBack().stream().map(MigrationExecution::displayName).toList()) + "), now at "
				+ MigrationNames.display(result.current());
	}

	private static void printRolledBack(PrintWriter out, MigrationExecution execution) {
		out.println("  " + execution.displayName() + " ... rolled back (" + execution.millis() + " ms)");
	}

}
