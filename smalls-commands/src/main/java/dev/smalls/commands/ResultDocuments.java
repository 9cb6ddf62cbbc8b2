package dev.smalls.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.DriftResult;
import dev.smalls.MigrationPlan;
import dev.smalls.PlannedMigration;
import dev.smalls.lint.LintFinding;
import dev.smalls.lint.LintResult;
import dev.smalls.lint.LintRule;

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

	/**
	 * A lint result as a document: the database, how many migrations were linted, each
	 * finding and the notes.
	 * @param result the result
	 * @return the document
	 */
	public static Map<String, @Nullable Object> lint(LintResult result) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("database", result.database());
		json.put("migrations", result.migrations());
		json.put("problems", result.problems().size());
		json.put("findings", result.findings().stream().map(ResultDocuments::finding).toList());
		json.put("notes", result.notes());
		return json;
	}

	/**
	 * A lint rule as a document.
	 * @param rule the rule
	 * @return the document
	 */
	public static Map<String, @Nullable Object> rule(LintRule rule) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("id", rule.id());
		json.put("database", rule.database().displayName());
		json.put("title", rule.title());
		json.put("why", rule.why());
		json.put("lock", rule.lockDuration());
		json.put("safeWay", rule.safeWay());
		return json;
	}

	private static Map<String, @Nullable Object> finding(LintFinding finding) {
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		json.put("sequence", finding.sequence());
		json.put("migration", finding.migration());
		json.put("operation", finding.operation());
		json.put("rule", finding.rule());
		json.put("severity", finding.severity().name());
		json.put("problem", finding.isProblem());
		json.put("table", finding.table());
		json.put("rows", finding.rows());
		json.put("why", finding.why());
		json.put("lock", finding.lockDuration());
		json.put("safeWay", finding.safeWay());
		json.put("acknowledged", finding.acknowledged());
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
