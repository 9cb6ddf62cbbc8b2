package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;

/**
 * {@code smalls history}: the applied migrations, newest first, of the application's
 * database or a tenant's.
 */
public class HistoryCommand extends SmallsCommand {

	private final TenantOptions tenants;

	public HistoryCommand(SmallsMigrator migrator) {
		this(migrator, null);
	}

	public HistoryCommand(SmallsMigrator migrator, @Nullable SmallsTenants tenants) {
		super("history", "Show the applied migrations, newest first, with batch, time and who applied them",
				"smalls history [--tenant ID]", 0, TenantOptions.TENANT);
		this.tenants = new TenantOptions(migrator, tenants);
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		TenantOptions.Target target = this.tenants.toRead(line);
		target.announce(out);
		// Recorded in the history: applied, missing from the code, or interrupted while being
		// rolled back. A migration interrupted while being applied was never recorded.
		List<MigrationInfo> applied = target.migrator()
			.status()
			.migrations()
			.stream()
			.filter((migration) -> migration.batch() != null)
			.sorted(Comparator.comparing(MigrationInfo::batch).thenComparing(MigrationInfo::sequence).reversed())
			.toList();
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

	private static String note(MigrationInfo migration) {
		if (migration.state() == MigrationState.MISSING) {
			return " (missing from the code)";
		}
		if (migration.state() == MigrationState.INTERRUPTED) {
			return " (interrupted while being rolled back)";
		}
		return "";
	}

}
