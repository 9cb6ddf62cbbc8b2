package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.PlatformTransactionManager;

import dev.smalls.DataMigration;
import dev.smalls.DataMigrationProgress;
import dev.smalls.DataMigrationState;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsException;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;

/**
 * Runs a migrator's data migrations, in sequence order, each batch by batch
 * ({@link DataBatchRun}), and reports and changes their progress. A data migration starts once
 * every migration below it is applied; one instance runs it at a time, the one whose record
 * says so and whose heartbeat is fresh; another takes over once that heartbeat is older than
 * the lease. Internal: not for use outside smalls.
 */
final class DataRuns {

	/** How often a batch that failed is tried again before the migration is left failed. */
	private static final int RETRIES = 3;

	private final Engine engine;

	private final MigrationCatalog catalog;

	private final DataTable table;

	DataRuns(Engine engine, MigrationCatalog catalog, DataTable table) {
		this.engine = engine;
		this.catalog = catalog;
		this.table = table;
	}

	/**
	 * Whether the code has any data migration.
	 * @return {@code true} if it has
	 */
	boolean any() {
		return this.catalog.hasData();
	}

	/**
	 * Every data migration in the code and where it is.
	 * @return their progress, in sequence order
	 */
	List<DataMigrationProgress> progress() {
		if (!this.catalog.hasData()) {
			return List.of();
		}
		this.catalog.validate();
		AppliedSequences applied = this.engine.readApplied();
		Map<Integer, DataTable.Row> rows = (applied.size() == 0) ? Map.of() : readRows();
		List<DataMigrationProgress> progress = new ArrayList<>();
		boolean below = true;
		for (int i = 0; i < this.catalog.size(); i++) {
			int sequence = this.catalog.sequenceAt(i);
			boolean done = applied.contains(sequence);
			if (this.catalog.isDataAt(i)) {
				progress.add(progressOf(i, rows.get(sequence), done, below));
			}
			below &= done;
		}
		return progress;
	}

	/**
	 * Run every data migration that can run, in this thread, until each is done or one
	 * cannot go on (waiting for a migration below it, paused, cancelled, failed), or
	 * {@code stopped} says so. While another instance runs one, waits for it.
	 * @param lease how long a silent instance keeps a data migration
	 * @param transactionManager the batches' transaction manager, or {@code null} for smalls' own
	 * @param listener told after each batch, and of each migration's end
	 * @param stopped asked between batches: {@code true} to stop (the batch in hand commits)
	 * @return every data migration's progress at the end
	 */
	List<DataMigrationProgress> run(Duration lease, @Nullable PlatformTransactionManager transactionManager,
			Consumer<DataMigrationProgress> listener, BooleanSupplier stopped) {
		if (!this.catalog.hasData()) {
			return List.of();
		}
		this.catalog.validate();
		ensureTable();
		String by = this.engine.by() + "#" + Tokens.next();
		for (int i = 0; i < this.catalog.size() && !stopped.getAsBoolean(); i++) {
			if (!this.catalog.isDataAt(i)) {
				continue;
			}
			if (!runOne(i, by, lease, transactionManager, listener, stopped)) {
				break;
			}
		}
		return progress();
	}

	/** Run one data migration to its end: {@code true} if it is done. */
	private boolean runOne(int index, String by, Duration lease, @Nullable PlatformTransactionManager transactionManager,
			Consumer<DataMigrationProgress> listener, BooleanSupplier stopped) {
		int sequence = this.catalog.sequenceAt(index);
		DataMigration migration = (DataMigration) this.catalog.migrationAt(index);
		String name = this.catalog.nameAt(index);
		try (DataBatchRun batches = new DataBatchRun(this.engine, this.table, migration, sequence, by)
			.inTransactionsOf(transactionManager)) {
			long waitedSince = 0;
			int failures = 0;
			while (!stopped.getAsBoolean()) {
				AppliedSequences applied = this.engine.readApplied();
				if (applied.contains(sequence)) {
					return true;
				}
				if (!belowApplied(applied, sequence)) {
					listener.accept(progressOf(index, null, false, false));
					return false;
				}
				DataTable.Row row = batches.read();
				Instant now = Instant.now();
				if (row != null && DataTable.COMPLETE.equals(row.state())) {
					finish(index, row);
					continue;
				}
				if (row != null && row.batchToken() != null) {
					// Not an exception: a background runner would repeat it at every poll. The row
					// says FAILED and why until someone mends it by hand.
					SmallsException refused = partlyCommitted(sequence, name, row);
					if (batches.failPartlyCommitted(row.batchToken(), refused.getMessage() + " " + refused.getAction())) {
						RunSession.Logging.logger.error("smalls: " + refused.getMessage() + " " + refused.getAction());
					}
					report(listener, index, batches.read());
					return false;
				}
				if (row != null && (DataTable.PAUSED.equals(row.state()) || DataTable.CANCELLED.equals(row.state()))) {
					report(listener, index, row);
					return false;
				}
				if (row != null && DataTable.FAILED.equals(row.state()) && failures > 0) {
					// Failed in this run: left for the next one, or a resume.
					report(listener, index, row);
					return false;
				}
				boolean mine = row != null && DataTable.RUNNING.equals(row.state()) && by.equals(row.runBy());
				if (!mine && !batches.take(row, lease, now)) {
					// Another instance runs it: wait until it is done, or its heartbeat stops.
					if (waitedSince == 0) {
						waitedSince = System.nanoTime();
						RunSession.Logging.logger.info("smalls: data migration " + MigrationNames.display(sequence, name)
								+ " is run by " + ((row != null) ? row.runBy() : "another instance") + "; waiting until "
								+ "it is done or its heartbeat is older than " + lease.toSeconds() + " s");
					}
					report(listener, index, batches.read());
					sleep(Math.max(50, Math.min(lease.toMillis() / 4, 2000)));
					continue;
				}
				try {
					DataBatchRun.Outcome outcome = batches.runUntilStopped(stopped,
							(current) -> report(listener, index, current));
					failures = 0;
					if (outcome == DataBatchRun.Outcome.COMPLETE) {
						finish(index, batches.read());
					}
				}
				catch (DataBatchRun.BatchFailed ex) {
					failures++;
					boolean stop = failures > RETRIES || ex.isFinal();
					batches.recordFailure(ex.getMessage(), stop);
					RunSession.Logging.logger.warn("smalls: a batch of data migration "
							+ MigrationNames.display(sequence, name) + " failed and was rolled back ("
							+ ex.getMessage() + ")" + (stop ? "; the migration is left FAILED: fix the cause and "
									+ "resume it (or restart the application)" : "; trying again"), ex.getCause());
					if (stop) {
						report(listener, index, batches.read());
						return false;
					}
					sleep(1000L << Math.min(failures - 1, 4));
				}
			}
			return false;
		}
	}

	private void finish(int index, DataTable.@Nullable Row row) {
		int sequence = this.catalog.sequenceAt(index);
		long millis = (row != null && row.startedAt() != null && row.updatedAt() != null)
				? Math.max(0, row.updatedAt().toEpochMilli() - row.startedAt().toEpochMilli()) : 0;
		this.engine.finishData(this.table, sequence, this.catalog.nameAt(index), declaredChecksum(index), millis);
		RunSession.Logging.logger.info("smalls: data migration " + MigrationNames.display(sequence,
				this.catalog.nameAt(index)) + " is done" + ((row != null) ? ": " + DataMigrationProgress.rows(row.rowsDone())
						+ " rows in " + row.batches() + " batches" : ""));
	}

	private @Nullable String declaredChecksum(int index) {
		try {
			return this.catalog.migrationAt(index).checksum();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** Tell the listener where a migration that can run (one with nothing below it pending) is. */
	private void report(Consumer<DataMigrationProgress> listener, int index, DataTable.@Nullable Row row) {
		listener.accept(progressOf(index, row, false, true));
	}

	/**
	 * Pause a data migration: it stops after the batch in hand and stays paused, across
	 * restarts, until resumed. One that has not started yet does not start.
	 * @param sequence its sequence
	 * @param by who pauses it, for the record
	 * @return its progress now
	 */
	DataMigrationProgress pause(int sequence, String by) {
		return change(sequence, DataTable.PAUSED, "paused by " + by, "pause",
				DataTable.RUNNING, DataTable.FAILED);
	}

	/**
	 * Cancel a data migration: it stops after the batch in hand, keeps what its batches did,
	 * and does not run again until resumed (or its schema is rolled back).
	 * @param sequence its sequence
	 * @param by who cancels it, for the record
	 * @return its progress now
	 */
	DataMigrationProgress cancel(int sequence, String by) {
		return change(sequence, DataTable.CANCELLED, "cancelled by " + by, "cancel",
				DataTable.RUNNING, DataTable.PAUSED, DataTable.FAILED);
	}

	/**
	 * Let a paused, cancelled or failed data migration run again, from where it stopped: the
	 * next run (this application's background runner, or {@code migrate --data}) takes it.
	 * @param sequence its sequence
	 * @param by who resumes it, for the record
	 * @return its progress now
	 */
	DataMigrationProgress resume(int sequence, String by) {
		return change(sequence, DataTable.RUNNING, "resumed by " + by, "resume",
				DataTable.PAUSED, DataTable.CANCELLED, DataTable.FAILED);
	}

	private DataMigrationProgress change(int sequence, String to, String message, String what, String... from) {
		int index = this.catalog.indexOf(sequence);
		if (index < 0 || !this.catalog.isDataAt(index)) {
			throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(sequence),
					"Cannot " + what + " " + MigrationNames.display(sequence) + ": the code has no data migration "
							+ "with that sequence" + dataMigrationsNamed() + ". Nothing was changed.",
					"Pass the sequence of a data migration: smalls data lists them (GET /actuator/smalls, under "
							+ "dataMigrations).");
		}
		ensureTable();
		AppliedSequences applied = this.engine.readApplied();
		String shown = MigrationNames.display(sequence, this.catalog.nameAt(index));
		if (applied.contains(sequence)) {
			throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(sequence),
					"Cannot " + what + " " + shown + ": it is done. Nothing was changed.",
					"To run it again, roll back to below it and migrate.");
		}
		try (DataBatchRun run = new DataBatchRun(this.engine, this.table, (DataMigration) this.catalog.migrationAt(index),
				sequence, "operator")) {
			boolean changed = run.change(to, message, from);
			DataTable.Row row = run.read();
			if (!changed) {
				String state = (row != null) ? row.state() : "not started";
				throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(sequence),
						"Cannot " + what + " " + shown + ": it is " + state + ". Nothing was changed.",
						switch (what) {
							case "resume" -> "Only a paused, cancelled or failed data migration can be resumed.";
							default -> "Only a running, failed (or, to cancel, paused) data migration, or one not "
									+ "started yet, can be " + (what.equals("pause") ? "paused." : "cancelled.");
						});
			}
			return progressOf(index, row, false, true);
		}
	}

	private String dataMigrationsNamed() {
		List<String> data = new ArrayList<>();
		for (int i = 0; i < this.catalog.size(); i++) {
			if (this.catalog.isDataAt(i)) {
				data.add(MigrationNames.display(this.catalog.sequenceAt(i), this.catalog.nameAt(i)));
			}
		}
		return data.isEmpty() ? " (it has none)" : " (it has " + String.join(", ", data) + ")";
	}

	private void ensureTable() {
		this.engine.ensureTable(this.table.name(),
				(dialect) -> new dev.smalls.dialect.SmallsTables(this.engine.table()).createData(dialect.timestampType()));
	}

	private boolean belowApplied(AppliedSequences applied, int sequence) {
		for (int i = 0; i < this.catalog.size() && this.catalog.sequenceAt(i) < sequence; i++) {
			if (!applied.contains(this.catalog.sequenceAt(i))) {
				return false;
			}
		}
		return true;
	}

	private DataMigrationProgress progressOf(int index, DataTable.@Nullable Row row, boolean done, boolean below) {
		int sequence = this.catalog.sequenceAt(index);
		String name = this.catalog.nameAt(index);
		DataMigrationState state;
		if (done) {
			state = DataMigrationState.DONE;
		}
		else if (row == null || DataTable.DONE.equals(row.state())) {
			// No row, or the row of a run that was rolled back since.
			state = below ? DataMigrationState.READY : DataMigrationState.WAITING;
			row = null;
		}
		else {
			state = switch (row.state()) {
				case DataTable.PAUSED -> DataMigrationState.PAUSED;
				case DataTable.CANCELLED -> DataMigrationState.CANCELLED;
				case DataTable.FAILED -> DataMigrationState.FAILED;
				default -> DataMigrationState.RUNNING;
			};
		}
		if (row == null) {
			return new DataMigrationProgress(sequence, name, state, 0, -1, 0, 0, null, null, null, 0, null);
		}
		return new DataMigrationProgress(sequence, name, state, row.rowsDone(), row.rowsTotal(), row.batches(),
				row.failures(), row.runBy(), row.startedAt(), row.updatedAt(), row.rowsPerSecond(), row.message());
	}

	private Map<Integer, DataTable.Row> readRows() {
		return DataBatchRun.readAll(this.engine, this.table);
	}

	private static SmallsException partlyCommitted(int sequence, String name, DataTable.Row row) {
		return new SmallsException("A batch of data migration " + MigrationNames.display(sequence, name)
				+ " committed part of its work on its own (batch " + (row.batches() + 1) + ", from position "
				+ row.resumeAt() + "), so smalls cannot tell which of its rows were processed; it is left FAILED.",
				"Check the rows of that batch by hand, record where the next batch starts (UPDATE "
						+ "<history>_data SET batch_token = NULL, resume_at = '<position>' WHERE sequence_no = "
						+ sequence + "), then resume it (smalls data resume " + sequence + "). Leave commit and "
						+ "rollback to smalls in migrateBatch.");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
