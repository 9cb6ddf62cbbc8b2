package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;

/**
 * {@code smalls history}: the applied migrations, newest first, of the application's
 * database or a tenant's. With {@code --json}, one JSON document.
 */
public class HistoryCommand extends SmallsCommand {

	private final TenantOptions tenants;

	public HistoryCommand(SmallsMigrator migrator) {
		this(migrator, null);
	}

	public HistoryCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants) {
		super("history", "Show the applied migrations, newest first, with batch, time and who applied them",
				"smalls history [--tenant ID] [--json]", 0, TenantOptions.TENANT, JSON);
		this.tenants = new TenantOptions(migrator, tenants);
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		TenantOptions.Target target = this.tenants.toRead(line);
		target.announce(out);
		List<MigrationInfo> applied = applied(target);
		if (applied.isEmpty()) {
			out.println("Nothing has been applied yet.");
			return;
		}
		ConsoleTable table = new ConsoleTable("BATCH", "MIGRATION", "APPLIED AT", "MS", "BY");
		for (MigrationInfo migration : applied) {
			table.row(migration.batch(), MigrationNames.display(migration.sequence(), migration.name()) + note(migration),
					ConsoleTable.time(migration.appliedAt()), migration.executionMillis(), migration.appliedBy());
		}
		table.print(out);
	}

	/**
	 * {@code tenant} (the tenant's id, or {@code null}), then {@code migrations}, newest
	 * first, each as {@code status --json} shows it.
	 */
	@Override
	protected void runJson(CommandLine line, Map<String, @Nullable Object> document) {
		TenantOptions.Target target = this.tenants.toRead(line);
		List<MigrationInfo> applied = applied(target);
		document.put("tenant", target.tenant());
		document.put("migrations", applied.stream().map(MigrationsJson::migration).toList());
	}

	private static List<MigrationInfo> applied(TenantOptions.Target target) {
		// Recorded in the history: applied, missing from the code, or interrupted while being
		// rolled back. A migration interrupted while being applied was never recorded.
		return target.migrator()
			.status()
			.migrations()
			.stream()
			.filter((migration) -> migration.batch() != null)
			.sorted(Comparator.comparing(MigrationInfo::batch).thenComparing(MigrationInfo::sequence).reversed())
			.toList();
	}

	private static String note(MigrationInfo migration) {
		if (migration.origin() != null) {
			return " (recorded without running: " + migration.origin() + ")";
		}
		if (migration.state() == MigrationState.MISSING) {
			return " (missing from the code)";
		}
		if (migration.state() == MigrationState.INTERRUPTED) {
			return " (interrupted while being rolled back)";
		}
		return "";
	}

}
