package dev.smalls.shell;

import java.io.PrintWriter;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationStatus;
import dev.smalls.SmallsMigrator;

/**
 * {@code smalls status}: every migration and its state.
 */
public class StatusCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public StatusCommand(SmallsMigrator migrator) {
		super("status", "Show every migration and whether it is applied, pending or missing", "smalls status", 0);
		this.migrator = migrator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		MigrationStatus status = this.migrator.status();
		if (status.migrations().isEmpty()) {
			out.println("No migrations yet. Create one with: smalls create <description>");
			return;
		}
		ConsoleTable table = new ConsoleTable("SEQUENCE", "NAME", "STATE", "BATCH", "APPLIED AT", "MS");
		for (MigrationInfo migration : status.migrations()) {
			table.row(MigrationNames.display(migration.sequence()), migration.name(), migration.state(),
					migration.batch(), ConsoleTable.time(migration.appliedAt()), migration.executionMillis());
		}
		table.print(out);
		out.println("Current sequence: " + MigrationNames.display(status.current()) + ", " + status.pendingCount()
				+ " pending");
	}

}
