package dev.smalls;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A migrator's {@link DataMigration}s: their progress, running them, and an operator's
 * pause, resume and cancel. Get it from {@link SmallsMigrator#dataMigrations()}. The Spring
 * Boot starter runs them in the background once the application is ready; the shell's
 * {@code smalls migrate --data} runs them in the foreground.
 */
public final class SmallsDataMigrations {

	/** How long an instance that stopped saying it is alive keeps a data migration, unless set. */
	public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

	private final SmallsMigrator migrator;

	private final Duration lease;

	SmallsDataMigrations(SmallsMigrator migrator, Duration lease) {
		this.migrator = migrator;
		this.lease = lease;
	}

	/**
	 * These data migrations with another lease: how long an instance that stopped saying it
	 * is alive (a killed pod) keeps a data migration before another takes it over. A running
	 * instance says so with every batch, and every 5 s while it pauses between batches: keep
	 * the lease well above the longest batch.
	 * @param lease the lease, 1 s or more
	 * @return the data migrations with that lease
	 */
	public SmallsDataMigrations withLease(Duration lease) {
		if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("A data migration's lease must be 1 s or more, not " + lease);
		}
		return new SmallsDataMigrations(this.migrator, lease);
	}

	/**
	 * Whether the code has any data migration.
	 * @return {@code true} if it has
	 */
	public boolean isEmpty() {
		return !this.migrator.hasDataMigrations();
	}

	/**
	 * Every data migration in the code and how far it got.
	 * @return their progress, in sequence order; empty if there are none
	 */
	public List<DataMigrationProgress> progress() {
		return this.migrator.dataProgress();
	}

	/**
	 * Run every data migration that can run, in this thread, until each is done or one cannot
	 * go on. See {@link #run(Consumer, BooleanSupplier)}.
	 * @return every data migration's progress at the end
	 */
	public List<DataMigrationProgress> run() {
		return run((progress) -> {
		}, () -> Thread.currentThread().isInterrupted());
	}

	/**
	 * Run every data migration that can run, in sequence order and in this thread, until each
	 * is done or one cannot go on: it waits for a migration below it, or it is paused,
	 * cancelled, or failed (a batch failed 4 times, or in a way trying again cannot mend). While
	 * another instance runs one, this waits for it, and takes it over if that instance's
	 * heartbeat stops.
	 * @param listener told after each batch
	 * @param stopped asked between batches: {@code true} to stop; the migration stays where
	 * its last batch left it, and the next run continues there
	 * @return every data migration's progress at the end
	 */
	public List<DataMigrationProgress> run(Consumer<DataMigrationProgress> listener, BooleanSupplier stopped) {
		return this.migrator.runData(this.lease, listener, stopped);
	}

	/**
	 * Pause a data migration: whoever runs it stops after the batch in hand, and it stays
	 * paused, across restarts, until resumed. One not started yet does not start.
	 * @param sequence its sequence
	 * @param by who pauses it, for the record
	 * @return its progress now
	 * @throws SmallsValidationException if it is not a data migration, or is done
	 */
	public DataMigrationProgress pause(int sequence, String by) {
		return this.migrator.changeData(sequence, "pause", by);
	}

	/**
	 * Let a paused, cancelled or failed data migration run again, from where it stopped: the
	 * next run takes it.
	 * @param sequence its sequence
	 * @param by who resumes it, for the record
	 * @return its progress now
	 * @throws SmallsValidationException if it is not paused, cancelled or failed
	 */
	public DataMigrationProgress resume(int sequence, String by) {
		return this.migrator.changeData(sequence, "resume", by);
	}

	/**
	 * Cancel a data migration: whoever runs it stops after the batch in hand; what its batches
	 * did stays, and it does not run again until resumed. Roll back the migration that made
	 * its columns to undo it.
	 * @param sequence its sequence
	 * @param by who cancels it, for the record
	 * @return its progress now
	 * @throws SmallsValidationException if it is not a data migration, or is done
	 */
	public DataMigrationProgress cancel(int sequence, String by) {
		return this.migrator.changeData(sequence, "cancel", by);
	}

}
