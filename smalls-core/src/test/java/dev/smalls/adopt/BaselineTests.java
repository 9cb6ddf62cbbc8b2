package dev.smalls.adopt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.AdoptionResult;
import dev.smalls.MigrationExecution;
import dev.smalls.MigrationInfo;
import dev.smalls.MigrationState;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.SqlMigration;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code smalls baseline}: a database built by hand gets a history without anything being
 * run, on each of the five databases.
 */
class BaselineTests {

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aBaselineMarksTheMigrationsUpToItAppliedAndMigrateRunsOnlyThoseAfterIt(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			buildByHand(jdbc, 5);
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(code(7))
				.recordSchema(true)
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			AdoptionResult result = migrator.baseline(5);
			assertThat(result.recorded()).extracting(MigrationInfo::sequence, MigrationInfo::origin)
				.containsExactly(tuple(1, "baseline"), tuple(2, "baseline"), tuple(3, "baseline"),
						tuple(4, "baseline"), tuple(5, "baseline"));
			assertThat(result.nextSequence()).isEqualTo(6);
			assertThat(result.schemaRecorded()).isTrue();
			assertThat(migrator.drift().differences()).isEmpty();
			assertThat(migrator.status().migrations()).extracting(MigrationInfo::sequence, MigrationInfo::state,
					MigrationInfo::origin)
				.containsExactly(tuple(1, MigrationState.APPLIED, "baseline"), tuple(2, MigrationState.APPLIED, "baseline"),
						tuple(3, MigrationState.APPLIED, "baseline"), tuple(4, MigrationState.APPLIED, "baseline"),
						tuple(5, MigrationState.APPLIED, "baseline"), tuple(6, MigrationState.PENDING, null),
						tuple(7, MigrationState.PENDING, null));
			assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(6, 7);
			assertThat(migrator.status().inState(MigrationState.APPLIED)).hasSize(7);
			assertThat(migrator.rollback(5).rolledBack()).extracting(MigrationExecution::sequence)
				.containsExactly(7, 6);
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollback(4))
				.withMessageContaining("Cannot roll back to 0004: 0005_create_t5 is a baseline (baseline)")
				.withMessageContaining("Nothing was rolled back.")
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.NOT_RUN_BY_SMALLS))
				.satisfies((ex) -> assertThat(ex.getAction()).contains("rollback 0005"));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM t1", Integer.class)).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aBaselineOfADatabaseWithoutMigrationsInTheCodeIsOneRowAndTheNextMigrationFollowsIt(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			buildByHand(jdbc, 2);
			AdoptionResult result = migrator(db, 0).baseline(5);
			assertThat(result.recorded()).extracting(MigrationInfo::displayName, MigrationInfo::origin)
				.containsExactly(tuple("0005_baseline", "baseline"));
			// Recorded for drift checks only where runs record the schema too (smalls.record-schema).
			assertThat(result.schemaRecorded()).isFalse();
			SmallsMigrator next = SmallsMigrator.builder(db.dataSource())
				.migrations(SqlMigration.table(6))
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			assertThat(next.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(6);
			assertThat(next.status().migrations()).extracting(MigrationInfo::displayName, MigrationInfo::state)
				.containsExactly(tuple("0005_baseline", MigrationState.APPLIED), tuple("0006_create_t6",
						MigrationState.APPLIED));
			SmallsMigrator below = SmallsMigrator.builder(db.dataSource()).migrations(SqlMigration.table(3)).build();
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(below::migrate)
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.OUT_OF_ORDER));
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aBaselineIsRefusedWhenTheHistoryIsNotEmptyAndRecordsNothing(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, 3);
			migrator.migrate(2);
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.baseline(3))
				.withMessageContaining("smalls' history is not empty: 2 migrations are recorded, up to 0002. A "
						+ "baseline is only for a database smalls has not migrated yet. Nothing was recorded.")
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.ADOPTION_REFUSED));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM smalls_history", Integer.class)).isEqualTo(2);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aSecondBaselineIsRefusedAndSaysTheDatabaseHasOne(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator migrator = migrator(db, 0);
			migrator.baseline(4);
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.baseline(4))
				.withMessageContaining("up to 0004, with a baseline")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("has its baseline already"));
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.baseline(0))
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.INVALID_ARGUMENT));
		}
	}

	/** Tables t1 to t{@code count}, as the migrations of {@link #migrator} would have made them. */
	private static void buildByHand(JdbcTemplate jdbc, int count) {
		for (int sequence = 1; sequence <= count; sequence++) {
			jdbc.execute("CREATE TABLE t" + sequence + " (id INT PRIMARY KEY)");
		}
	}

	private static SmallsMigrator migrator(FreshDatabase db, int migrations) {
		return SmallsMigrator.builder(db.dataSource())
			.migrations(code(migrations))
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

	private static List<SmallsMigration> code(int migrations) {
		List<SmallsMigration> code = new ArrayList<>();
		for (int sequence = 1; sequence <= migrations; sequence++) {
			code.add(SqlMigration.table(sequence));
		}
		return code;
	}

}
