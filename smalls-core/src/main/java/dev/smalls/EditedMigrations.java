package dev.smalls;

/**
 * What a migrator does when an applied migration was edited since it was applied
 * ({@link MigrationState#EDITED}).
 */
public enum EditedMigrations {

	/**
	 * Refuse to migrate or roll back, naming the edited migrations (the default): a migration
	 * edited after it ran means databases that ran the old code and databases that run the
	 * new one now differ. Check it, then record the new checksum with
	 * {@code smalls repair --accept <sequence>}.
	 */
	FAIL,

	/** Log a warning naming them, and go on. */
	WARN

}
