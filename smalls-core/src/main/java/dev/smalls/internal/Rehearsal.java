package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationExecution;
import dev.smalls.MigrationNames;
import dev.smalls.RehearsalProblem;
import dev.smalls.RehearsalProblem.Leg;
import dev.smalls.RehearsalResult;
import dev.smalls.SmallsCallback;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.dialect.Scratch;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.schema.SchemaSnapshot;

/**
 * A rehearsal on a scratch schema: the migrations below the rehearsed ones applied as the
 * database has them, then the rehearsed ones applied, rolled back newest first and applied
 * again, with a snapshot of the schema after every step. A rollback must bring back the
 * schema as it was before its migration, and applying again the schema the first apply
 * left; each difference is a problem, named by migration and object. A difference is
 * reported once, by the step that made it, not again by every step after it. Internal: not
 * for use outside smalls.
 */
final class Rehearsal {

	private final Scratch scratch;

	private final SmallsDialect dialect;

	private final SmallsTables tables;

	private final Engine engine;

	private final javax.sql.DataSource migrated;

	private final List<RehearsalProblem> problems = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private final Set<String> known = new HashSet<>();

	private Consumer<MigrationExecution> listener = (step) -> {
	};

	private @Nullable RuntimeException listenerFailure;

	Rehearsal(Engine.Settings settings, Scratch scratch, SmallsDialect dialect) {
		this.scratch = scratch;
		this.dialect = dialect;
		this.tables = new SmallsTables(settings.table());
		this.migrated = settings.dataSource();
		SmallsCallback recorder = new SmallsCallback() {

			@Override
			public void afterStep(Operation operation, MigrationExecution step) {
				try {
					Rehearsal.this.listener.accept(step);
				}
				catch (RuntimeException ex) {
					if (Rehearsal.this.listenerFailure == null) {
						Rehearsal.this.listenerFailure = ex;
					}
				}
			}

		};
		this.engine = new Engine(
				settings.onScratch(scratch, settings.migrations(), "smalls rehearse", List.of(recorder)));
	}

	/**
	 * Rehearse the migrations above a sequence.
	 * @param base the sequence the database is at below the rehearsed ones (0 for none)
	 * @param started when the rehearsal started, from {@link System#nanoTime()}
	 * @return what was found
	 */
	RehearsalResult run(int base, long started) {
		// Where the scratch has a data source of its own, migration code that names the
		// application's works on the scratch too.
		StepTransactions.STAND_IN_FOR.set(this.migrated);
		try {
			return rehearse(base, started);
		}
		finally {
			StepTransactions.STAND_IN_FOR.remove();
		}
	}

	private RehearsalResult rehearse(int base, long started) {
		if (base > 0) {
			this.engine.migrate(base);
		}
		SchemaSnapshot before = snapshot();
		Map<Integer, SchemaSnapshot> after = new HashMap<>();
		List<Integer> order = new ArrayList<>();
		this.listener = (step) -> {
			after.put(step.sequence(), snapshot());
			order.add(step.sequence());
		};
		List<MigrationExecution> rehearsed;
		try {
			rehearsed = this.engine.migrate(MigrationPlanner.EVERYTHING).applied();
		}
		catch (SmallsMigrationException ex) {
			failed(ex, Leg.MIGRATE);
			return result(List.of(), started);
		}
		requireSnapshots();
		this.listener = (step) -> {
			int index = order.indexOf(step.sequence());
			SchemaSnapshot expected = (index > 0) ? after.get(order.get(index - 1)) : before;
			compare(step, expected, Leg.ROLLBACK);
		};
		if (!rollBack(base)) {
			return result(rehearsed, started);
		}
		requireSnapshots();
		this.listener = (step) -> compare(step, after.get(step.sequence()), Leg.MIGRATE_AGAIN);
		try {
			this.engine.migrate(MigrationPlanner.EVERYTHING);
		}
		catch (SmallsMigrationException ex) {
			failed(ex, Leg.MIGRATE_AGAIN);
		}
		requireSnapshots();
		return result(rehearsed, started);
	}

	/** Roll back to the base, or to the last migration that refuses to be rolled back. */
	private boolean rollBack(int base) {
		int target = base;
		while (true) {
			try {
				this.engine.rollback(target);
				return true;
			}
			catch (SmallsValidationException ex) {
				if (ex.getProblem() != Problem.IRREVERSIBLE || ex.getSequences().isEmpty()) {
					throw ex;
				}
				int irreversible = ex.getSequences().stream().mapToInt(Integer::intValue).max().getAsInt();
				if (irreversible <= target) {
					throw ex;
				}
				this.notes.add(MigrationNames.display(irreversible) + " declares itself irreversible: the rehearsal "
						+ "rolled back only what is above it.");
				target = irreversible;
			}
			catch (SmallsMigrationException ex) {
				failed(ex, Leg.ROLLBACK);
				return false;
			}
		}
	}

	private void compare(MigrationExecution step, @Nullable SchemaSnapshot expected, Leg leg) {
		if (expected == null) {
			return;
		}
		List<String> differences = snapshot().differencesFrom(expected);
		List<String> found = differences.stream().filter((difference) -> !this.known.contains(difference)).toList();
		this.known.addAll(differences);
		if (!found.isEmpty()) {
			this.problems.add(new RehearsalProblem(step.sequence(), step.name(), leg, found, null));
		}
	}

	private void failed(SmallsMigrationException ex, Leg leg) {
		requireSnapshots();
		this.problems.add(new RehearsalProblem(ex.getFailedSequence(), ex.getFailedName(), leg, List.of(),
				String.valueOf(ex.getMessage())));
	}

	private void requireSnapshots() {
		RuntimeException failure = this.listenerFailure;
		if (failure != null) {
			throw new SmallsException("smalls could not read the scratch schema's tables during the rehearsal: "
					+ Failures.causeOf(failure) + ".", "Check that the user may read the metadata of the schemas it "
							+ "creates, and rehearse again.", failure);
		}
	}

	private RehearsalResult result(List<MigrationExecution> rehearsed, long started) {
		return new RehearsalResult(rehearsed, this.problems, this.notes, (System.nanoTime() - started) / 1_000_000);
	}

	/** The scratch schema's tables, without smalls' own. */
	private SchemaSnapshot snapshot() {
		String schema = this.scratch.schema();
		try (Connection connection = this.scratch.dataSource().getConnection()) {
			Object saved = null;
			if (schema != null) {
				saved = this.dialect.currentSchema(connection);
				this.dialect.useSchema(connection, schema);
			}
			try {
				return SchemaSnapshot.read(connection).without(this.tables);
			}
			finally {
				if (schema != null) {
					this.dialect.restoreSchema(connection, saved);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
