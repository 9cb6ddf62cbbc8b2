package dev.smalls;

/**
 * Where a migration stands against the database.
 */
public enum MigrationState {

	/** Recorded in the history table and present in the code. */
	APPLIED,

	/** Present in the code, not yet applied. */
	PENDING,

	/** Recorded as applied, but no migration bean with its sequence exists any more. */
	MISSING

}
