package dev.smalls.shell;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.SmallsMigrator;

/**
 * {@code smalls history}: the applied migrations, newest first.
 */
public class HistoryCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public HistoryCommand(SmallsMigrator migrator) {
		super("history", "Show the applied migrations, newest first, with batch, time and who applied them",
				"smalls history", 0);
		this.migrator = migrator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		List<MigrationInfo> applied = this.migrator.status()
			.migrations()
			.stream()
			.filter((migration) -> migration.state() != MigrationState.PENDING)
			.sorted(Comparator.comparing(MigrationInfo::batch).thenComparing(MigrationInfo::sequence).reversed())
			.toList();
		if (applied.isEmpty()) {
			out.println("Nothing has been applied yet.");
			return;
		}
		ConsoleTable table = new ConsoleTable("BATCH", "MIGRATION", "APPLIED AT", "MS", "BY");
		for (MigrationInfo migration : applied) {
			String name = MigrationNames.display(migration.sequence(), migration.name())
					+ ((migration.state() == MigrationState.MISSING) ? " (missing from the code)" : "");
			table.row(migration.batch(), name, ConsoleTable.time(migration.appliedAt()), migration.executionMillis(),
					migration.appliedBy());
		}
		table.print(out);
	}

}
