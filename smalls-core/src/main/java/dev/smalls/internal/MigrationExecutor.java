package dev.smalls.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.UnexpectedRollbackException;

import dev.smalls.MigrateResult;
import dev.smalls.MigrationExecution;
import dev.smalls.RollbackResult;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.dialect.MigrationLock;
import dev.smalls.internal.Failures.Stage;

/**
 * Runs a plan, one step at a time, under the migration lock: each migration (or rollback) in
 * a Spring-managed transaction of its own together with its history change, callbacks
 * around it, and on failure a report that says exactly what the database holds.
 * Internal: not for use outside smalls.
 */
final class MigrationExecutor {

	private final RunSession session;

	private final MigrationCatalog catalog;

	private final Callbacks callbacks;

	private final MigrationLock lock;

	private final @Nullable SchemaRuns schemaRuns;

	/** Whether the lock is checked by a condition on each history change, rather than by verify(). */
	private final boolean conditional;

	MigrationExecutor(RunSession session, MigrationCatalog catalog, Callbacks callbacks, MigrationLock lock,
			@Nullable SchemaRuns schemaRuns) {
		this.session = session;
		this.catalog = catalog;
		this.callbacks = callbacks;
		this.lock = lock;
		this.schemaRuns = schemaRuns;
		this.conditional = lock.heldCondition() != null;
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
	 * @return what was applied
	 */
	MigrateResult apply(History history, int[] plan, String appliedBy) {
		if (plan.length == 0) {
			return new MigrateResult(0, List.of(), history.current());
		}
		if (!this.callbacks.isEmpty()) {
			List<MigrationExecution> planned = new ArrayList<>(plan.length);
			for (int index : plan) {
				planned.add(new MigrationExecution(this.catalog.sequenceAt(index), this.catalog.nameAt(index), 0));
			}
			beforeRun(Operation.MIGRATE, planned);
		}
		int batch = history.maxBatch() + 1;
		int current = history.current();
		List<MigrationExecution> applied = new ArrayList<>(plan.length);
		for (int index : plan) {
			SmallsMigration migration = this.catalog.migrationAt(index);
			String name = this.catalog.nameAt(index);
			MigrationExecution done = step(Operation.MIGRATE, migration, name, migration::migrate,
					(millis) -> this.session.writer(this.lock)
						.insert(new HistoryRow(migration.sequence(), name, batch, Instant.now(), millis, appliedBy)),
					applied, current);
			applied.add(done);
			current = Math.max(current, done.sequence());
		}
		callback(() -> this.callbacks.afterRun(Operation.MIGRATE, applied));
		return new MigrateResult(batch, applied, current);
	}

	/**
	 * Roll back the given rows, in the order given.
	 * @param history the history, read under the lock
	 * @param rows the rows to undo; the planner checked their migrations exist
	 * @return what was rolled back
	 */
	RollbackResult undo(History history, List<HistoryRow> rows) {
		if (rows.isEmpty()) {
			return new RollbackResult(List.of(), history.current());
		}
		if (!this.callbacks.isEmpty()) {
			beforeRun(Operation.ROLLBACK,
					rows.stream().map((row) -> new MigrationExecution(row.sequence(), row.name(), 0)).toList());
		}
		TreeSet<Integer> applied = new TreeSet<>();
		history.rows().forEach((row) -> applied.add(row.sequence()));
		List<MigrationExecution> rolledBack = new ArrayList<>(rows.size());
		for (HistoryRow row : rows) {
			int index = this.catalog.indexOf(row.sequence());
			SmallsMigration migration = this.catalog.migrationAt(index);
			MigrationExecution done = step(Operation.ROLLBACK, migration, this.catalog.nameAt(index),
					migration::rollback, (millis) -> this.session.writer(this.lock).delete(row.sequence()), rolledBack,
					applied.isEmpty() ? 0 : applied.last());
			applied.remove(row.sequence());
			rolledBack.add(done);
		}
		callback(() -> this.callbacks.afterRun(Operation.ROLLBACK, rolledBack));
		return new RollbackResult(rolledBack, applied.isEmpty() ? 0 : applied.last());
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

	/**
	 * One migration or rollback with its history change, in one transaction unless the
	 * migration opts out of it.
	 */
	private MigrationExecution step(Operation operation, SmallsMigration migration, String name,
			Consumer<JdbcTemplate> work, HistoryChange change, List<MigrationExecution> completed, int current) {
		int sequence = migration.sequence();
		boolean transactional = migration.transactional();
		Stage stage = Stage.BEFORE;
		TransactionStatus transaction = null;
		SchemaRuns.Mark mark = null;
		StepTransactions transactions = this.session.transactions();
		try {
			callback(() -> this.callbacks.beforeStep(operation, sequence, name));
			mark = (this.schemaRuns != null) ? this.schemaRuns.begin(operation, migration, name) : null;
			stage = Stage.RUN;
			this.session.autoCommit(!transactional);
			long started = System.nanoTime();
			if (transactional) {
				transaction = transactions.begin();
				transactions.arm();
			}
			Throwable thrown = null;
			try {
				work.accept(transactions.jdbc());
			}
			catch (Throwable ex) {
				thrown = ex;
			}
			if (mark != null) {
				mark.stop();
			}
			String violation = transactional ? transactions.disarm() : null;
			if (violation != null) {
				// Even if the migration swallowed smalls' refusal and returned, the step fails.
				stage = Stage.MISUSE;
				throw new IllegalStateException("the migration called " + violation + ", which smalls refused",
						thrown);
			}
			if (thrown != null) {
				throw thrown;
			}
			long millis = (System.nanoTime() - started) / 1_000_000;
			// Commit only while the lock is still held: checked by the history change itself
			// where the lock offers a condition, by a statement of its own otherwise.
			boolean conditional = this.conditional;
			if (!conditional) {
				stage = Stage.LOCK;
				this.lock.verify(this.session.connection());
			}
			stage = Stage.RECORD;
			if (!change.apply(millis) && conditional) {
				stage = Stage.LOCK;
				throw new IllegalStateException("the lock is no longer held by this run: its history change found "
						+ "the condition " + this.lock.heldCondition() + " false");
			}
			if (mark != null) {
				mark.recorded();
			}
			stage = Stage.COMMIT;
			if (transaction != null) {
				transactions.commit(transaction);
			}
			MigrationExecution done = new MigrationExecution(sequence, name, millis);
			if (RunSession.Logging.logger.isInfoEnabled()) {
				RunSession.Logging.logger.info(((operation == Operation.MIGRATE) ? "Applied " : "Rolled back ")
						+ done.displayName() + " in " + millis + " ms");
			}
			callback(() -> this.callbacks.afterStep(operation, done));
			return done;
		}
		catch (Throwable ex) {
			if (ex instanceof UnexpectedRollbackException) {
				// Code inside the migration marked the transaction rollback-only: rolled back, not lost.
				stage = Stage.RUN;
			}
			if (transaction != null) {
				rollback(transactions, transaction, ex);
			}
			if (mark != null) {
				mark.stop();
				mark.failed(ex);
			}
			SmallsMigrationException failure = Failures.step(operation, sequence, name, stage, transactional, ex,
					completed, current, this.session.dialect());
			callback(() -> this.callbacks.onStepFailure(operation, sequence, name, ex));
			throw failure;
		}
	}

	private static void rollback(StepTransactions transactions, TransactionStatus transaction, Throwable failure) {
		try {
			transactions.rollback(transaction);
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	@FunctionalInterface
	private interface HistoryChange {

		/** Write the history change; {@code false} if the lock's condition kept it from being written. */
		boolean apply(long millis) throws Exception;

	}

}
