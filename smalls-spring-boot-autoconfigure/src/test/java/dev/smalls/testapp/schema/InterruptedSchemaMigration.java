package dev.smalls.testapp.schema;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;

/**
 * Leaves a schema migration as a process killed part-way through it does on a database that
 * commits DDL at once (H2, MariaDB): its first operations really run, and the engine's mark
 * says it started and how far it is known to have got, with the last operation that ran in
 * doubt (its DDL committed, the progress that says so not yet). smalls-core's
 * {@code KilledSchemaMigrationTests} kills a real JVM there; this writes the same state
 * without one.
 */
public final class InterruptedSchemaMigration {

	private InterruptedSchemaMigration() {
	}

	/**
	 * Run the first operations of a migration and leave its mark, as a killed migrate does.
	 * @param jdbc the database, whose history table is {@code smalls_history}
	 * @param migration the migration, not applied yet
	 * @param operations how many of its operations took effect, 1 or more
	 */
	public static void leave(JdbcTemplate jdbc, SchemaMigration migration, int operations) {
		SmallsDialect dialect = SmallsDialects.current(jdbc);
		SchemaPlan plan = SchemaPlan.of(migration);
		plan.run(jdbc, dialect, 0, operations);
		jdbc.execute("CREATE TABLE IF NOT EXISTS smalls_history_interrupted (sequence_no INT NOT NULL PRIMARY KEY, "
				+ "name VARCHAR(100) NOT NULL, operation VARCHAR(10) NOT NULL, certain INT NOT NULL, "
				+ "possible INT NOT NULL, fingerprint VARCHAR(64) NOT NULL, started_at " + dialect.timestampType()
				+ " NOT NULL)");
		jdbc.update("INSERT INTO smalls_history_interrupted (sequence_no, name, operation, certain, possible, "
				+ "fingerprint, started_at) VALUES (?, ?, 'MIGRATE', ?, ?, ?, ?)", migration.sequence(),
				migration.name(), operations - 1, operations, plan.fingerprint(), Timestamp.from(Instant.now()));
	}

}
