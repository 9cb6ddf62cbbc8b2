package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.DriftResult;
import dev.smalls.SmallsMigrator;

/**
 * {@code smalls drift [--json] [--accept]}: how the live schema differs from the one the
 * history says it should have, each extra, missing or different object named. Exit code 3
 * on drift, for a CI gate. {@code --accept} records the live schema as the expected one, once
 * a person has checked the drift and keeps it.
 */
public class DriftCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public DriftCommand(SmallsMigrator migrator) {
		super("drift", "Compare the live schema with the one the history says it should have, and name every "
				+ "table, column, default, index and key that differs", "smalls drift [--json] [--accept]", 0, JSON,
				Option.flag("accept", "record the live schema as the expected one, after you checked its drift; "
						+ "nothing else changes"));
		this.migrator = migrator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		if ("true".equals(line.option("accept"))) {
			DriftResult accepted = this.migrator.acceptDrift();
			accepted.differences().forEach((difference) -> out.println("  accepted: " + difference));
			out.println("Recorded the live schema as the expected one" + (accepted.drifted()
					? ", with the " + accepted.differences().size() + " difference(s) above." : "; it had no drift."));
			return;
		}
		DriftResult drift = this.migrator.drift();
		if (!drift.recorded()) {
			out.println("smalls has not recorded the schema: with smalls.drift.record=true (SmallsMigrator.Builder"
					+ ".recordSchema(true)) it does when a migrate or rollback that changes something ends. To take the "
					+ "schema as it is now as the expected one, check it and run: smalls drift --accept");
			return;
		}
		if (!drift.drifted()) {
			out.println("No drift: the schema is as the history says it should be (recorded "
					+ ConsoleTable.time(drift.recordedAt()) + ").");
			return;
		}
		out.println("The schema differs from the one the history says it should have (recorded "
				+ ConsoleTable.time(drift.recordedAt()) + "):");
		drift.differences().forEach((difference) -> out.println("  " + difference));
		out.println("Put each change in a migration (or undo it by hand), or, once you have checked that the "
				+ "schema is right as it is, run: smalls drift --accept");
		throw new FindingsException(drift.differences().size() + " difference(s)");
	}

	@Override
	protected void runJson(CommandLine line, Map<String, @Nullable Object> document) {
		boolean accept = "true".equals(line.option("accept"));
		DriftResult drift = accept ? this.migrator.acceptDrift() : this.migrator.drift();
		document.putAll(ResultDocuments.drift(drift));
		document.put("accepted", accept);
		if (!accept && drift.drifted()) {
			throw new FindingsException(drift.differences().size() + " difference(s)");
		}
	}

}
