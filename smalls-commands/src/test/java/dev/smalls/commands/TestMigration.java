package dev.smalls.commands;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

/**
 * A migration for the commands' tests: code forward and back, and optionally a declared
 * checksum.
 *
 * @param sequence its sequence
 * @param name its name
 * @param checksum what it declares, or {@code null}
 * @param up what migrate runs
 * @param down what rollback runs
 */
record TestMigration(int sequence, String name, @Nullable String checksum, Consumer<JdbcTemplate> up,
		Consumer<JdbcTemplate> down) implements SmallsMigration {

	/** Statements forward (several separated by {@code "; "}) and one back. */
	static TestMigration sql(int sequence, String name, @Nullable String checksum, String up, String down) {
		return new TestMigration(sequence, name, checksum, (jdbc) -> {
			for (String statement : up.split("; ")) {
				jdbc.execute(statement);
			}
		}, (jdbc) -> jdbc.execute(down));
	}

	static TestMigration sql(int sequence, String name, String up, String down) {
		return sql(sequence, name, null, up, down);
	}

	/** Code forward; nothing back. */
	static TestMigration code(int sequence, String name, Consumer<JdbcTemplate> up) {
		return new TestMigration(sequence, name, null, up, (jdbc) -> {
		});
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		this.up.accept(jdbc);
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		this.down.accept(jdbc);
	}

}
