package dev.smalls;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.core.MigrationNames;

/**
 * A database migration that carries its own rollback. Every Spring bean of this type is a
 * migration; {@link SmallsMigrator} applies them in {@link #sequence()} order.
 * <p>
 * The {@link JdbcTemplate} passed in is bound to the migration's transaction: the migration
 * and its history row commit together, or not at all. Do not inject the application's own
 * {@code JdbcTemplate} into a migration: it is initialised after migrations run.
 */
public interface SmallsMigration {

	/**
	 * The migration's place in the order: unique, 1 or more. Shown zero-padded to four
	 * digits, as in {@code 0001_create_users}.
	 * @return the sequence number
	 */
	int sequence();

	/**
	 * A short name in snake case. Defaults to the class name turned into snake case
	 * ({@code AddResetCount} becomes {@code add_reset_count}), with a leading
	 * {@code M0001}/{@code V0001_} style prefix dropped.
	 * @return the name
	 */
	default String name() {
		return MigrationNames.fromClass(getClass());
	}

	/**
	 * Apply the change.
	 * @param jdbc a template bound to this migration's transaction
	 */
	void migrate(JdbcTemplate jdbc);

	/**
	 * Undo what {@link #migrate(JdbcTemplate)} did.
	 * @param jdbc a template bound to this rollback's transaction
	 */
	void rollback(JdbcTemplate jdbc);

}
