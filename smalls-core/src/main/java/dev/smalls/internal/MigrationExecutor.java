package dev.smalls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrateResult;
import dev.smalls.MigrationExecution;
import dev.smalls.RollbackResult;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.dialect.lock.MigrationLock;
import dev.smalls.internal.Failures.Stage;

/**
 * Runs a plan, one {@link MigrationStep} at a time, with callbacks around it: a migrate as
 * one batch, a rollback newest first. Under a lock each transaction takes, a step may find
 * that another instance got to it first: the run then stops with {@link PlanChanged}, keeping
 * what it did in its {@link Progress}, to plan again. Internal: not for use outside smalls.
 */
final class MigrationExecutor {

	private final RunSession session;

	private final MigrationCatalog catalog;

	private final Callbacks callbacks;

	private final MigrationStep steps;

	MigrationExecutor(RunSession session, MigrationCatalog catalog, Callbacks callbacks, MigrationLock lock,
			@Nullable SchemaRuns schemaRuns, StepSettings settings) {
		this.session = session;
		this.catalog = catalog;
		this.callbacks = callbacks;
		this.steps = new MigrationStep(session, lock, schemaRuns, settings);
	}

	/** Call the callbacks away from the run's connection; with none, not even that. */
	private void callback(Runnable call) {
		if (!this.callbacks.isEmpty()) {
			this.session.outsideTheRun(call);
		}
	}

	/**
	 * Apply the planned migrations as one batch.
	 * @param history the history, read under the lock
	 * @param plan positions in the catalog, ascending
	 * @param appliedBy who is recorded as applying them
	 * @param progress what this run did before it last planned
	 * @return what was applied
	 * @throws PlanChanged if another instance changed the history under a lock each
	 * transaction takes: plan again
	 */
	MigrateResult apply(History history, int[] plan, String appliedBy, Progress progress) {
		if (plan.length == 0 && progress.done.isEmpty()) {
			return new MigrateResult(0, List.of(), history.current());
		}
		if (!progress.started) {
			List<MigrationExecution> planned = new ArrayList<>(plan.length);
			for (int index : plan) {
				planned.add(new MigrationExecution(this.catalog.sequenceAt(index), this.catalog.nameAt(index), 0));
			}
			beforeRun(Operation.MIGRATE, planned);
			progress.started = true;
			progress.batch = history.maxBatch() + 1;
		}
		// What this run applied before it last planned is in the history it read since.
		int current = history.current();
		try {
			for (int i = 0; i < plan.length; i++) {
				SmallsMigration migration = this.catalog.migrationAt(plan[i]);
				String name = this.catalog.nameAt(plan[i]);
				SmallsMigration next = (i + 1 < plan.length) ? this.catalog.migrationAt(plan[i + 1]) : null;
				String nextName = (i + 1 < plan.length) ? this.catalog.nameAt(plan[i + 1]) : null;
				int before = current;
				beforeStep(Operation.MIGRATE, migration, name, progress.done, before);
				Long millis = step(Operation.MIGRATE, migration, name, () -> this.steps.run(Operation.MIGRATE,
						migration, name, migration::migrate, progress.batch, appliedBy, progress.done, before, next,
						nextName));
				if (millis == null) {
					throw new PlanChanged();
				}
				MigrationExecution done = afterStep(Operation.MIGRATE, migration.sequence(), name, millis);
				progress.done.add(done);
				current = Math.max(current, done.sequence());
			}
		}
		finally {
			this.steps.abandon();
		}
		callback(() -> this.callbacks.afterRun(Operation.MIGRATE, progress.done));
		return new MigrateResult(progress.batch, List.copyOf(progress.done), current);
	}

	/**
	 * Roll back the given rows, in the order given.
	 * @param history the history, read under the lock
	 * @param rows the rows to undo; the planner checked their migrations exist
	 * @param progress what this run did before it last planned
	 * @return what was rolled back
	 * @throws PlanChanged if another instance changed the history under a lock each
	 * transaction takes: plan again
	 */
	RollbackResult undo(History history, List<HistoryRow> rows, Progress progress) {
		if (rows.isEmpty() && progress.done.isEmpty()) {
			return new RollbackResult(List.of(), history.current());
		}
		if (!progress.started) {
			beforeRun(Operation.ROLLBACK,
					rows.stream().map((row) -> new MigrationExecution(row.sequence(), row.name(), 0)).toList());
			progress.started = true;
		}
		TreeSet<Integer> applied = new TreeSet<>();
		history.rows().forEach((row) -> applied.add(row.sequence()));
		try {
			for (int i = 0; i < rows.size(); i++) {
				HistoryRow row = rows.get(i);
				int index = this.catalog.indexOf(row.sequence());
				SmallsMigration migration = this.catalog.migrationAt(index);
				String name = this.catalog.nameAt(index);
				int nextIndex = (i + 1 < rows.size()) ? this.catalog.indexOf(rows.get(i + 1).sequence()) : -1;
				SmallsMigration next = (nextIndex >= 0) ? this.catalog.migrationAt(nextIndex) : null;
				String nextName = (nextIndex >= 0) ? this.catalog.nameAt(nextIndex) : null;
				int current = applied.isEmpty() ? 0 : applied.last();
				beforeStep(Operation.ROLLBACK, migration, name, progress.done, current);
				Long millis = step(Operation.ROLLBACK, migration, name, () -> this.steps.run(Operation.ROLLBACK,
						migration, name, migration::rollback, 0, "", progress.done, current, next, nextName));
				if (millis == null) {
					throw new PlanChanged();
				}
				applied.remove(row.sequence());
				progress.done.add(afterStep(Operation.ROLLBACK, row.sequence(), name, millis));
			}
		}
		finally {
			this.steps.abandon();
		}
		callback(() -> this.callbacks.afterRun(Operation.ROLLBACK, progress.done));
		return new RollbackResult(List.copyOf(progress.done), applied.isEmpty() ? 0 : applied.last());
	}

	/** Run a step, telling the callbacks if it fails. */
	private @Nullable Long step(Operation operation, SmallsMigration migration, String name,
			java.util.function.Supplier<@Nullable Long> run) {
		try {
			return run.get();
		}
		catch (SmallsMigrationException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			callback(() -> this.callbacks.onStepFailure(operation, migration.sequence(), name, cause));
			throw ex;
		}
	}

	private void beforeRun(Operation operation, List<MigrationExecution> planned) {
		try {
			callback(() -> this.callbacks.beforeRun(operation, planned));
		}
		catch (RuntimeException ex) {
			throw new SmallsException("A SmallsCallback failed before the " + operation.name().toLowerCase(Locale.ROOT)
					+ " run started: " + Failures.causeOf(ex) + ". Nothing was run.",
					"Fix the callback and run again.", ex);
		}
	}

	private void beforeStep(Operation operation, SmallsMigration migration, String name,
			List<MigrationExecution> completed, int current) {
		try {
			callback(() -> this.callbacks.beforeStep(operation, migration.sequence(), name));
		}
		catch (RuntimeException ex) {
			SmallsMigrationException failure = Failures.step(operation, migration.sequence(), name, Stage.BEFORE,
					Outcome.ROLLED_BACK, this.session.transactional(migration), ex, completed, current, this.session.dialect());
			callback(() -> this.callbacks.onStepFailure(operation, migration.sequence(), name, ex));
			throw failure;
		}
	}

	private MigrationExecution afterStep(Operation operation, int sequence, String name, long millis) {
		MigrationExecution done = new MigrationExecution(sequence, name, millis);
		if (RunSession.Logging.logger.isInfoEnabled()) {
			RunSession.Logging.logger.info(((operation == Operation.MIGRATE) ? "Applied " : "Rolled back ")
					+ done.displayName() + " in " + millis + " ms");
		}
		callback(() -> this.callbacks.afterStep(operation, done));
		return done;
	}

	/**
	 * What a run did so far, kept across the plans it makes when another instance changes the
	 * history under a lock each transaction takes.
	 */
	static final class Progress {

		final List<MigrationExecution> done = new ArrayList<>();

		boolean started;

		int batch;

	}

	/**
	 * Another instance changed the history since this run planned (under a lock each
	 * transaction takes): read it again once it settles, and plan again.
	 */
	static final class PlanChanged extends RuntimeException {

		PlanChanged() {
			super("another instance changed the history since this run planned", null, false, false);
		}

	}

}
