package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.DataMigrationProgress;
import dev.smalls.DataMigrationState;
import dev.smalls.MigrateResult;
import dev.smalls.MigrationExecution;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;

/**
 * {@code smalls migrate [--to N]}: apply pending migrations, on the application's database,
 * one tenant's, or every tenant's; and name the migration files written but not built, which
 * it cannot apply.
 */
public class MigrateCommand extends SmallsCommand {

	private final TenantOptions tenants;

	private final MigrationSources sources;

	public MigrateCommand(SmallsMigrator migrator) {
		this(migrator, null);
	}

	public MigrateCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants) {
		this(migrator, tenants, MigrationSources.unknown());
	}

	public MigrateCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants, MigrationSources sources) {
		super("migrate", "Apply pending migrations, all of them or up to --to N; with --data, run the data "
				+ "migrations too, in the foreground", "smalls migrate [--to N] [--tenant ID | --all-tenants] | smalls migrate --data",
				0, Option.value("to", "the last sequence to apply, e.g. 3 or 0003"), TenantOptions.TENANT,
				TenantOptions.ALL_TENANTS, Option.flag("data", "then run the data migrations (batched backfills) to "
						+ "their end, showing their progress; as a one-shot job instead of in the application's "
						+ "background"));
		this.tenants = new TenantOptions(migrator, tenants);
		this.sources = sources;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		String option = line.option("to");
		Integer to = (option != null) ? number(option, "--to", 0) : null;
		boolean data = "true".equals(line.option("data"));
		if (data && (to != null || line.option(TenantOptions.TENANT.name()) != null || this.tenants.all(line))) {
			throw new UsageException("--data runs every data migration of the application's database after "
					+ "migrating it all: it takes neither --to nor tenants. Run smalls migrate --data alone.");
		}
		if (this.tenants.all(line)) {
			TenantsReport.print(this.tenants.tenants().each((migrator) -> migrate(migrator, to)),
					MigrateCommand::summary, getName(), line, out);
			out.println("Migrations are complete on every tenant.");
			return;
		}
		TenantOptions.Target target = this.tenants.toChange(line, true);
		target.announce(out);
		MigrateResult result;
		try {
			result = migrate(target.migrator(), to);
		}
		catch (SmallsMigrationException ex) {
			ex.getCompleted().forEach((execution) -> printApplied(out, execution));
			out.println("  " + MigrationNames.display(ex.getFailedSequence(), ex.getFailedName()) + " ... FAILED");
			throw ex;
		}
		if (result.applied().isEmpty()) {
			out.println("Nothing to migrate: the database is at " + MigrationNames.display(result.current()) + ".");
		}
		else {
			result.applied().forEach((execution) -> printApplied(out, execution));
			out.println("Migrations are complete: batch " + result.batch() + ", current sequence "
					+ MigrationNames.display(result.current()) + ".");
		}
		this.sources.notBuilt(target.migrator(), target.migrator()::status, "did not apply it").forEach(out::println);
		if (data) {
			runData(target.migrator(), out);
		}
	}

	/** Run the data migrations to their end, then apply what waited for them. */
	private void runData(SmallsMigrator migrator, PrintWriter out) {
		if (migrator.dataMigrations().isEmpty()) {
			out.println("The code has no data migrations.");
			return;
		}
		out.println("Running data migrations:");
		DataProgressPrinter printer = new DataProgressPrinter(out, System.console() != null);
		List<DataMigrationProgress> end = migrator.dataMigrations()
			.run(printer, () -> Thread.currentThread().isInterrupted());
		printer.end();
		end.forEach((progress) -> out.println("  " + progress.describe()));
		List<DataMigrationProgress> notDone = end.stream()
			.filter((progress) -> progress.state() != DataMigrationState.DONE)
			.toList();
		if (!notDone.isEmpty()) {
			throw new SmallsException(notDone.size() + " data migration" + ((notDone.size() == 1) ? " is" : "s are")
					+ " not done: " + String.join(", ", notDone.stream().map(DataMigrationProgress::displayName).toList())
					+ ".", "See smalls data; resume a paused, cancelled or failed one with smalls data resume "
							+ "<sequence>, then run smalls migrate --data again.");
		}
		out.println("Data migrations are complete.");
		MigrateResult after = migrator.migrate();
		if (!after.applied().isEmpty()) {
			after.applied().forEach((execution) -> printApplied(out, execution));
			out.println("Applied what waited for them: batch " + after.batch() + ", current sequence "
					+ MigrationNames.display(after.current()) + ".");
		}
	}

	private static MigrateResult migrate(SmallsMigrator migrator, @Nullable Integer to) {
		return (to != null) ? migrator.migrate(to) : migrator.migrate();
	}

	private static String summary(MigrateResult result) {
		if (result.applied().isEmpty()) {
			return "nothing to migrate, at " + MigrationNames.display(result.current());
		}
		return result.applied().size() + " applied (" + String.join(", ",
				result.applied().stream().map(MigrationExecution::displayName).toList()) + "), batch "
				+ result.batch() + ", now at " + MigrationNames.display(result.current());
	}

	private static void printApplied(PrintWriter out, MigrationExecution execution) {
		out.println("  " + execution.displayName() + " ... applied (" + execution.millis() + " ms)");
	}

}
