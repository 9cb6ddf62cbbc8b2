package dev.smalls.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

import dev.smalls.MigrationNames;
import dev.smalls.MigrationPlan;
import dev.smalls.PlannedMigration;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.lint.Acknowledge;
import dev.smalls.lint.LintFinding;
import dev.smalls.lint.LintResult;
import dev.smalls.lint.Linter;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;

/**
 * Lints the pending migrations: a schema migration's statements are written from its
 * operations for this database (nothing runs), a code migration's are those {@code plan}
 * captured when it ran where nothing was kept, which happens only if there is one.
 */
final class LintRun {

	private final MigrationCatalog catalog;

	private final SmallsDialect dialect;

	private final Linter linter;

	private final boolean safeRewrites;

	LintRun(MigrationCatalog catalog, SmallsDialect dialect, Linter linter, boolean safeRewrites) {
		this.catalog = catalog;
		this.dialect = dialect;
		this.linter = linter;
		this.safeRewrites = safeRewrites;
	}

	/**
	 * @param pending the catalog indexes of the migrations to lint
	 * @param plan makes the plan whose captured statements code migrations are linted by, or
	 * {@code null} to leave code migrations out, with a note
	 */
	LintResult run(int[] pending, @Nullable Supplier<MigrationPlan> plan) {
		List<String> notes = new ArrayList<>();
		String note = this.linter.note();
		if (note != null) {
			notes.add(note);
		}
		Map<Integer, PlannedMigration> planned = null;
		List<LintFinding> findings = new ArrayList<>();
		for (int index : pending) {
			SmallsMigration migration = this.catalog.migrationAt(index);
			String name = MigrationNames.display(migration.sequence(), this.catalog.nameAt(index));
			List<Linter.Statement> statements;
			boolean transactional = migration.transactional();
			if (migration instanceof SchemaMigration schema
					&& !SchemaPlan.isWrittenByHand(schema, SmallsMigrationException.Operation.MIGRATE)) {
				SchemaPlan schemaPlan;
				try {
					schemaPlan = SchemaPlan.of(schema);
				}
				catch (SmallsException ex) {
					// An operation smalls refuses: migrate refuses it, with its report.
					notes.add(name + " was not linted: " + ex.getMessage());
					continue;
				}
				schemaPlan = this.safeRewrites ? schemaPlan.withSafeRewrites() : schemaPlan;
				statements = operations(schemaPlan);
				// Safe forms that commit statement by statement run outside a transaction.
				transactional = transactional && !schemaPlan.runsOutsideTransaction(this.dialect);
			}
			else if (plan == null) {
				notes.add(name + " was not linted: a code migration's statements are known only when it runs; "
						+ "smalls lint and smalls plan run it where nothing is kept");
				continue;
			}
			else {
				if (planned == null) {
					planned = new HashMap<>();
					for (PlannedMigration each : plan.get().migrations()) {
						planned.put(each.sequence(), each);
					}
				}
				PlannedMigration captured = planned.get(migration.sequence());
				if (captured == null || captured.outcome() == PlannedMigration.Outcome.NOT_RUN) {
					notes.add(name + " was not linted: its statements are known only when it runs ("
							+ ((captured != null && captured.note() != null) ? captured.note() : "it did not run")
							+ ")");
					continue;
				}
				if (captured.outcome() == PlannedMigration.Outcome.FAILED) {
					notes.add(name + " failed where nothing was kept; only the statements before the failure were "
							+ "linted (" + captured.note() + ")");
				}
				statements = captured.statements().stream().map(Linter.Statement::of).toList();
			}
			try {
				findings.addAll(this.linter.lint(new Linter.Migration(migration.sequence(), this.catalog.nameAt(index),
						transactional, statements, acknowledged(migration))));
			}
			catch (IllegalArgumentException ex) {
				throw new SmallsException(ex.getMessage(), "Correct the rule's id in " + name
						+ " (acknowledge(..) or @Acknowledge), or remove the acknowledgement.", ex);
			}
		}
		return new LintResult(this.dialect.databaseName(), pending.length, findings, notes);
	}

	private List<Linter.Statement> operations(SchemaPlan plan) {
		List<Linter.Statement> statements = new ArrayList<>();
		List<String> operations = plan.operations();
		for (int i = 0; i < plan.size(); i++) {
			Map<String, String> acknowledged = plan.acknowledgements(i);
			for (String line : plan.statements(this.dialect, i, i + 1)) {
				if (!line.startsWith("--")) {
					statements.add(new Linter.Statement(operations.get(i), line, acknowledged));
				}
			}
		}
		return statements;
	}

	/**
	 * The lint rules a migration's author acknowledged, with their reasons, as the history
	 * row records them: {@code [rule] reason} for the class, {@code operation [rule] reason}
	 * for an operation, separated by {@code "; "}, cut to the column's length.
	 * @param migration the migration
	 * @param plan its operations, if it is a schema migration
	 * @return the text, or {@code null} if it acknowledges nothing
	 */
	static @Nullable String recorded(SmallsMigration migration, @Nullable SchemaPlan plan) {
		StringBuilder text = new StringBuilder();
		Acknowledge[] annotations = ClassUtils.getUserClass(migration).getAnnotationsByType(Acknowledge.class);
		for (Acknowledge annotation : annotations) {
			append(text, "[" + annotation.rule() + "] " + annotation.reason());
		}
		if (plan != null) {
			List<String> operations = null;
			for (int i = 0; i < plan.size(); i++) {
				Map<String, String> acknowledged = plan.acknowledgements(i);
				if (!acknowledged.isEmpty()) {
					operations = (operations != null) ? operations : plan.operations();
					String operation = operations.get(i);
					acknowledged.forEach((rule, reason) -> append(text, operation + " [" + rule + "] " + reason));
				}
			}
		}
		if (text.isEmpty()) {
			return null;
		}
		int limit = SmallsTables.ACKNOWLEDGED_LENGTH;
		return (text.length() <= limit) ? text.toString() : text.substring(0, limit - 3) + "...";
	}

	private static void append(StringBuilder text, String acknowledgement) {
		if (!text.isEmpty()) {
			text.append("; ");
		}
		text.append(acknowledgement);
	}

	static Map<String, String> acknowledged(SmallsMigration migration) {
		Map<String, String> acknowledged = new LinkedHashMap<>();
		for (Acknowledge annotation : ClassUtils.getUserClass(migration).getAnnotationsByType(Acknowledge.class)) {
			acknowledged.put(annotation.rule(), annotation.reason());
		}
		return acknowledged;
	}

}
