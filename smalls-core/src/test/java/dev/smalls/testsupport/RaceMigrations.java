package dev.smalls.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

/**
 * The migrations racing instances apply: each writes a row naming the instance into
 * {@code race_log}, so that a migration applied twice shows as two rows. Most also create a
 * table, in their transaction. Every fifth may be not transactional (as an index built
 * concurrently must not be): its row is committed whatever happens after it, so only the lock
 * keeps a second instance from writing it again.
 */
public final class RaceMigrations {

	/** The statement that creates the log, before any instance starts. */
	public static final String CREATE_LOG = "CREATE TABLE race_log (sequence_no INT NOT NULL, instance VARCHAR(40) NOT NULL)";

	private RaceMigrations() {
	}

	/**
	 * Migrations 1 to {@code count}, every fifth not transactional.
	 * @param count how many
	 * @param instance the name written into the log
	 * @return the migrations
	 */
	public static List<SmallsMigration> upTo(int count, String instance) {
		return upTo(count, instance, true);
	}

	/**
	 * Migrations 1 to {@code count}.
	 * @param count how many
	 * @param instance the name written into the log
	 * @param someNotTransactional whether every fifth is not transactional
	 * @return the migrations
	 */
	public static List<SmallsMigration> upTo(int count, String instance, boolean someNotTransactional) {
		List<SmallsMigration> migrations = new ArrayList<>(count);
		for (int sequence = 1; sequence <= count; sequence++) {
			migrations.add(new Logged(sequence, instance, someNotTransactional && sequence % 5 == 0));
		}
		return migrations;
	}

	private static final class Logged implements SmallsMigration {

		private final int sequence;

		private final String instance;

		private final boolean transactional;

		Logged(int sequence, String instance, boolean notTransactional) {
			this.sequence = sequence;
			this.instance = instance;
			this.transactional = !notTransactional;
		}

		@Override
		public int sequence() {
			return this.sequence;
		}

		@Override
		public String name() {
			return "race_" + this.sequence;
		}

		@Override
		public boolean transactional() {
			return this.transactional;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.update("INSERT INTO race_log (sequence_no, instance) VALUES (?, ?)", this.sequence, this.instance);
			if (transactional()) {
				jdbc.execute("CREATE TABLE race_t" + this.sequence + " (id INT PRIMARY KEY)");
			}
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			if (transactional()) {
				jdbc.execute("DROP TABLE race_t" + this.sequence);
			}
			jdbc.update("DELETE FROM race_log WHERE sequence_no = ?", this.sequence);
		}

	}

}
