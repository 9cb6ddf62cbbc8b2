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
	MISSING,

	/**
	 * A schema migration whose run was interrupted part-way (a killed process) on a database
	 * that commits DDL at once: some of its operations may be in effect. Nothing runs past it
	 * until it is repaired.
	 */
	INTERRUPTED,

	/**
	 * Recorded as applied, but its code changed since: its checksum (its
	 * {@link SmallsMigration#checksum()}, or a schema migration's operations) differs from the
	 * one recorded when it was applied. Nothing migrates until a person has checked it and
	 * accepted the new checksum ({@code smalls repair --accept <sequence>}), unless the
	 * migrator only warns ({@link EditedMigrations#WARN}).
	 */
	EDITED

}
