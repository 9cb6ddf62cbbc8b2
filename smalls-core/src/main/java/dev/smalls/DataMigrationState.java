package dev.smalls;

/**
 * Where a {@link DataMigration} is.
 */
public enum DataMigrationState {

	/** A migration below it is not applied (or done) yet: it cannot start. */
	WAITING,

	/** It can start, and has not. */
	READY,

	/** An instance runs it (or ran it until its heartbeat stopped: another takes over). */
	RUNNING,

	/** An operator paused it: it continues where it stopped once resumed. */
	PAUSED,

	/** An operator cancelled it: it stays where it stopped until resumed or rolled back. */
	CANCELLED,

	/** A batch kept failing: the next run (or a resume) tries again from where it stopped. */
	FAILED,

	/** Every batch is done and the history records it. */
	DONE

}
