package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.DataMigrationProgress;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsDataMigrations;
import dev.smalls.SmallsMigrator;

/**
 * {@code smalls data}: every data migration and how far it got.
 * {@code smalls data pause|resume|cancel <sequence>}: an operator's hand on one, seen by
 * every instance (the one running it stops after the batch in hand; a resumed one is taken
 * by the next instance that looks, or by {@code smalls migrate --data}).
 */
public class DataCommand extends SmallsCommand {

	private static final List<String> ACTIONS = List.of("pause", "resume", "cancel");

	private final SmallsMigrator migrator;

	public DataCommand(SmallsMigrator migrator) {
		super("data", "Show the data migrations' progress, or pause, resume or cancel one",
				"smalls data [--json] | smalls data pause|resume|cancel <sequence>", 2, JSON);
		this.migrator = migrator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		SmallsDataMigrations data = this.migrator.dataMigrations();
		if (!line.arguments().isEmpty()) {
			DataMigrationProgress progress = act(line, data);
			out.println("  " + progress.describe());
			out.println(switch (progress.state()) {
				case RUNNING -> "Resumed: each instance running the application picks it up within "
						+ "smalls.data.poll-interval, or run it now with: smalls migrate --data";
				default -> "It stays " + progress.state() + " across restarts; to run it again from where it stopped: "
						+ "smalls data resume " + progress.sequence();
			});
			return;
		}
		List<DataMigrationProgress> all = data.progress();
		if (all.isEmpty()) {
			out.println("The code has no data migrations.");
			return;
		}
		ConsoleTable table = new ConsoleTable("SEQUENCE", "NAME", "STATE", "DONE", "ROWS", "ROWS/S", "NOTE");
		for (DataMigrationProgress progress : all) {
			table.row(MigrationNames.display(progress.sequence()), progress.name(), progress.state(),
					(progress.percent() >= 0) ? ((long) Math.floor(progress.percent())) + "%" : "?",
					DataMigrationProgress.rows(progress.rowsDone()),
					(progress.rowsPerSecond() > 0) ? DataMigrationProgress.rows((long) progress.rowsPerSecond()) : "",
					progress.message());
		}
		table.print(out);
	}

	@Override
	protected void runJson(CommandLine line, Map<String, @Nullable Object> document) {
		SmallsDataMigrations data = this.migrator.dataMigrations();
		if (!line.arguments().isEmpty()) {
			document.put("dataMigrations", List.of(json(act(line, data))));
			return;
		}
		document.put("dataMigrations", data.progress().stream().map(DataCommand::json).toList());
	}

	private DataMigrationProgress act(CommandLine line, SmallsDataMigrations data) {
		String action = line.arguments().get(0);
		if (!ACTIONS.contains(action)) {
			throw new UsageException("Unknown action '" + CommandLine.shown(action) + "': use smalls data pause, "
					+ "resume or cancel <sequence>, or smalls data to see them all.");
		}
		if (line.arguments().size() < 2) {
			throw new UsageException("Name the data migration to " + action + " by its sequence, e.g. smalls data "
					+ action + " 0007; smalls data lists them.");
		}
		int sequence = number(line.arguments().get(1), "The sequence", 1);
		String by = "smalls data " + action;
		return switch (action) {
			case "pause" -> data.pause(sequence, by);
			case "resume" -> data.resume(sequence, by);
			default -> data.cancel(sequence, by);
		};
	}

	static Map<String, @Nullable Object> json(DataMigrationProgress progress) {
		Map<String, @Nullable Object> entry = new java.util.LinkedHashMap<>();
		entry.put("sequence", progress.sequence());
		entry.put("name", progress.name());
		entry.put("state", progress.state().name());
		entry.put("percent", (progress.percent() >= 0) ? progress.percent() : null);
		entry.put("rowsDone", progress.rowsDone());
		entry.put("rowsTotal", (progress.rowsTotal() >= 0) ? progress.rowsTotal() : null);
		entry.put("batches", progress.batches());
		entry.put("failures", progress.failures());
		entry.put("rowsPerSecond", Math.round(progress.rowsPerSecond()));
		entry.put("runBy", progress.runBy());
		entry.put("message", progress.message());
		return entry;
	}

}
