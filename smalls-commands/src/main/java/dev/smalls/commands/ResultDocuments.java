package dev.smalls.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.DriftResult;
import dev.smalls.MigrationPlan;
import dev.smalls.PlannedMigration;

/**
 * The fields of a plan and of a drift check as JSON objects: what {@code smalls plan --json}
 * and {@code smalls drift --json} print and what {@code GET /actuator/smalls/plan} and
 * {@code /drift} answer, from one place, so that one parser reads both.
 */
public final class ResultDocuments {

	private ResultDocuments() {
	}

	/**
	 * A plan: {@code database}, {@code method}, {@code migrations}.
	 * @param plan the plan
	 * @return its fields, in order
	 */
	public static Map<String, @Nullable Object> plan(MigrationPlan plan) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("database", plan.database());
		json.put("method", plan.scratch() ? "scratch-schema" : "rolled-back-transaction");
		json.put("migrations", plan.migrations().stream().map(ResultDocuments::planned).toList());
		return json;
	}

	/**
	 * A drift check: {@code recorded}, {@code recordedAt}, {@code drifted}, {@code differences}.
	 * @param drift the drift
	 * @return its fields, in order
	 */
	public static Map<String, @Nullable Object> drift(DriftResult drift) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("recorded", drift.recorded());
		json.put("recordedAt", (drift.recordedAt() != null) ? drift.recordedAt().toString() : null);
		json.put("drifted", drift.drifted());
		json.put("differences", drift.differences());
		return json;
	}

	private static Map<String, @Nullable Object> planned(PlannedMigration migration) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("sequence", migration.sequence());
		json.put("name", migration.name());
		json.put("outcome", migration.outcome().name());
		json.put("statements", migration.statements());
		json.put("note", migration.note());
		return json;
	}

}
