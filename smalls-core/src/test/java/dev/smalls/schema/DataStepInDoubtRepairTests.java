package dev.smalls.schema;

import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationState;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.ColumnType.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A process killed while a data step ran: whether the step took effect cannot be read from the
 * schema, so repair refuses to guess, and its advice, followed by hand, gets the migration
 * running again.
 */
class DataStepInDoubtRepairTests {

	private static final TestSchemaMigration BACKFILL = new TestSchemaMigration(1, "backfill", (schema) -> {
		schema.sql("CREATE TABLE scores (id INT PRIMARY KEY, score INT)", "DROP TABLE scores");
		schema.addColumn("scores", "bonus", INTEGER);
		schema.run((jdbc) -> jdbc.update("UPDATE scores SET bonus = 1"),
				(jdbc) -> jdbc.update("UPDATE scores SET bonus = NULL"));
	});

	@Test
	void repairRefusesToGuessAndItsAdviceFollowedByHandLetsTheMigrationRunAgain() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource()).migrations(BACKFILL).build();
			migrator.status();
			leaveInterrupted(jdbc, 2, 3);

			assertThatExceptionOfType(SmallsException.class).isThrownBy(() -> migrator.repair(1))
				.withMessageContaining("Operation 3 of 0001_backfill (run (a data step in code)) was running")
				.withMessageContaining("cannot be told from the schema. Nothing was run.")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("Check the database for what operation 3 does.")
					.contains("none of the operations of 0001_backfill in effect")
					.contains("DELETE FROM smalls_history_interrupted WHERE sequence_no = 1"));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scores", Integer.class)).isZero();

			// The advice, by hand: undo operations 2 and 1, delete the mark.
			jdbc.execute("DROP TABLE scores");
			jdbc.update("DELETE FROM smalls_history_interrupted WHERE sequence_no = 1");

			assertThat(migrator.status().migrations().get(0).state()).isEqualTo(MigrationState.PENDING);
			assertThat(migrator.migrate().applied()).hasSize(1);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scores", Integer.class)).isZero();
		}
	}

	/** What a process killed while operation {@code possible} ran leaves on H2. */
	private static void leaveInterrupted(JdbcTemplate jdbc, int certain, int possible) {
		SmallsDialect dialect = SmallsDialects.current(jdbc);
		SchemaPlan plan = SchemaPlan.of(BACKFILL);
		plan.run(jdbc, dialect, 0, certain);
		jdbc.execute("CREATE TABLE smalls_history_interrupted (sequence_no INT NOT NULL PRIMARY KEY, "
				+ "name VARCHAR(100) NOT NULL, operation VARCHAR(10) NOT NULL, certain INT NOT NULL, "
				+ "possible INT NOT NULL, fingerprint VARCHAR(64) NOT NULL, started_at " + dialect.timestampType()
				+ " NOT NULL)");
		jdbc.update("INSERT INTO smalls_history_interrupted (sequence_no, name, operation, certain, possible, "
				+ "fingerprint, started_at) VALUES (1, 'backfill', 'MIGRATE', ?, ?, ?, ?)", certain, possible,
				plan.fingerprint(), Timestamp.from(Instant.now()));
	}

}
