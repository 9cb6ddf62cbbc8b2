package dev.smalls;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database migration that carries its own rollback. Every Spring bean of this type is a
 * migration; {@link SmallsMigrator} applies them in {@link #sequence()} order.
 * <p>
 * Each migration runs in a Spring-managed transaction on the migrated {@code DataSource}:
 * the {@link JdbcTemplate} passed in, and any {@code JdbcTemplate}, {@code JdbcClient} or
 * {@code NamedParameterJdbcTemplate} built on that same {@code DataSource}, join it, and
 * the migration commits with its history row or not at all. Leave the transaction to smalls:
 * a migration that commits, rolls back or switches auto-commit on the connection fails, and
 * nothing of it is kept. Do not inject the application's own {@code JdbcTemplate} bean: it
 * is initialised after migrations run.
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
	 * Whether the migration runs in a transaction (the default). Return {@code false} for
	 * statements a database refuses inside one, such as PostgreSQL's
	 * {@code CREATE INDEX CONCURRENTLY}: each statement then commits on its own, the history
	 * row is written once the migration returns, and a failure may leave some of its
	 * statements applied (the error says so). Keep such a migration to one statement.
	 * @return {@code true} to run in a transaction
	 */
	default boolean transactional() {
		return true;
	}

	/**
	 * What identifies this migration's code, for telling whether an applied migration was
	 * edited since. Without one, smalls records the digest of the statements the migration
	 * sent when it was applied (a {@code SchemaMigration}: the digest of its operations, which
	 * it can compare at every start-up). Return a value of your own, e.g. a version you bump
	 * whenever you change the migration, to have code migrations checked as well: an applied
	 * migration whose value differs from the recorded one is shown as
	 * {@link MigrationState#EDITED}, and migrating refuses until someone checks it and runs
	 * {@code smalls repair --accept <sequence>}.
	 * @return a value that changes when the migration's meaning changes, or {@code null}
	 * (the default) to leave it to smalls
	 */
	default @Nullable String checksum() {
		return null;
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
