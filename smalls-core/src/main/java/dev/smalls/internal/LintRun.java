package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

import dev.smalls.MigrationNames;
import dev.smalls.MigrationPlan;
import dev.smalls.PlannedMigration;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.lint.Acknowledge;
import dev.smalls.lint.LintFinding;
import dev.smalls.lint.LintMode;
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

	private final Function<SchemaMigration, SchemaPlan> plans;

	/**
	 * @param plans a schema migration's operations as the run would run them
	 */
	LintRun(MigrationCatalog catalog, SmallsDialect dialect, Linter linter, Function<SchemaMigration, SchemaPlan> plans) {
		this.catalog = catalog;
		this.dialect = dialect;
		this.linter = linter;
		this.plans = plans;
	}

	/**
	 * Lint what a migrate is about to run, from schema operations only, and log the findings,
	 * or refuse to run where the mode says to fail. A code migration's statements are known
	 * only by running it ({@code smalls lint} and {@code plan} do, where nothing is kept), which
	 * a start-up does not do twice; with no schema migration pending nothing is read at all.
	 * @param session the run's session
	 * @param catalog the migrations
	 * @param settings the migrator's settings
	 * @param pending the catalog indexes about to run
	 * @throws SmallsValidationException where the mode is {@link LintMode#FAIL} and a finding is
	 * a problem
	 */
	static void beforeMigrate(RunSession session, MigrationCatalog catalog, Engine.Settings settings, int[] pending) {
		if (settings.lintMode() == LintMode.OFF || Arrays.stream(pending)
			.noneMatch((index) -> catalog.migrationAt(index) instanceof SchemaMigration)) {
			return;
		}
		LintResult result;
		try {
			Connection connection = session.connection();
			Linter linter = new Linter(session.dialect().databaseName(),
					connection.getMetaData().getDatabaseMajorVersion(), session.dialect().relationRows(connection),
					settings.lintMapped().get(), settings.lintLargeTableRows());
			result = new LintRun(catalog, session.dialect(), linter, session::plan).run(pending, null);
		}
		catch (SQLException ex) {
			RunSession.Logging.logger.warn("smalls could not read the tables' sizes to lint the pending migrations ("
					+ Failures.causeOf(ex) + "); they were not linted.");
			return;
		}
		if (result.findings().isEmpty()) {
			return;
		}
		if (settings.lintMode() == LintMode.FAIL && result.hasProblems()) {
			List<Integer> sequences = result.problems().stream().map(LintFinding::sequence).distinct().toList();
			throw new SmallsValidationException(Problem.LINT_FINDINGS, sequences, result.describe()
					+ "\nNothing was run: smalls is set to fail on lint findings.",
					"Write each operation the safe way the finding gives, or acknowledge it in the migration with "
							+ "a reason (schema.acknowledge(rule, reason) after the operation, or @Acknowledge on "
							+ "the class); smalls lint shows the findings. To only warn, set the lint mode to WARN.");
		}
		if (result.hasProblems()) {
			RunSession.Logging.logger.warn(result.describe());
		}
		else {
			RunSession.Logging.logger.info(result.describe());
		}
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
		int unknown = 0;
		for (int index : pending) {
			SmallsMigration migration = this.catalog.migrationAt(index);
			String name = MigrationNames.display(migration.sequence(), this.catalog.nameAt(index));
			List<Linter.Statement> statements;
			boolean transactional = migration.transactional();
			if (migration instanceof SchemaMigration schema
					&& !SchemaPlan.isWrittenByHand(schema, SmallsMigrationException.Operation.MIGRATE)) {
				SchemaPlan schemaPlan;
				try {
					schemaPlan = this.plans.apply(schema);
				}
				catch (SmallsException ex) {
					// An operation smalls refuses: migrate refuses it, with its report.
					notes.add(name + " was not linted: " + ex.getMessage());
					continue;
				}
				statements = operations(schemaPlan);
				// Safe forms that commit statement by statement run outside a transaction.
				transactional = transactional && !schemaPlan.runsOutsideTransaction(this.dialect);
			}
			else if (plan == null) {
				unknown++;
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
		if (unknown > 0) {
			notes.add(unknown + ((unknown == 1) ? " migration of code was" : " migrations of code were")
					+ " not linted: their statements are known only when they run, which smalls lint and smalls plan "
					+ "do where nothing is kept");
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
		Acknowledge[] annotations = declaringClass(migration).getAnnotationsByType(Acknowledge.class);
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
		for (Acknowledge annotation : declaringClass(migration).getAnnotationsByType(Acknowledge.class)) {
			acknowledged.put(annotation.rule(), annotation.reason());
		}
		return acknowledged;
	}

	/** The class whose annotations count: the squash's own, where smalls runs one in its place. */
	private static Class<?> declaringClass(SmallsMigration migration) {
		return (migration instanceof Wrapped wrapped) ? ClassUtils.getUserClass(wrapped.declaringClass())
				: ClassUtils.getUserClass(migration);
	}

}
