package dev.smalls.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.DriftResult;
import dev.smalls.MigrationPlan;
import dev.smalls.PlannedMigration;

/**
 * The JSON of the endpoint's read views, {@code /drift} and {@code /plan}: the same fields
 * as {@code smalls drift --json} and {@code smalls plan --json}, so that one parser reads
 * both.
 */
final class ReadViews {

	private ReadViews() {
	}

	static Map<String, @Nullable Object> drift(DriftResult drift) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("recorded", drift.recorded());
		body.put("recordedAt", (drift.recordedAt() != null) ? drift.recordedAt().toString() : null);
		body.put("drifted", drift.drifted());
		body.put("differences", drift.differences());
		return body;
	}

	static Map<String, @Nullable Object> plan(MigrationPlan plan) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("database", plan.database());
		body.put("method", plan.scratch() ? "scratch-schema" : "rolled-back-transaction");
		body.put("migrations", plan.migrations().stream().map(ReadViews::planned).toList());
		return body;
	}

	private static Map<String, @Nullable Object> planned(PlannedMigration migration) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("sequence", migration.sequence());
		body.put("name", migration.name());
		body.put("outcome", migration.outcome().name());
		body.put("statements", migration.statements());
		body.put("note", migration.note());
		return body;
	}

}
