package dev.smalls.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.testsupport.MarkProgress;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.ColumnType.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a run tells about its progress, for a marker that survives a killed process: where
 * each operation commits at once, the range of states the database may be in, after every
 * change of it; where the transaction holds everything, nothing.
 */
class SchemaProgressTests {

	/** A schema operation, a data step, and another schema operation. */
	private static final TestSchemaMigration THREE_STEPS = new TestSchemaMigration(2, "three_steps", (schema) -> {
		schema.addColumn("users", "nickname", varchar(50));
		schema.run((jdbc) -> jdbc.update("UPDATE users SET nickname = name"),
				(jdbc) -> jdbc.update("UPDATE users SET nickname = NULL"));
		schema.addIndex("users", "users_nickname_idx", "nickname");
	});

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "MARIADB", "H2", "HSQLDB" })
	void eachOperationIsInDoubtWhileItRunsAndCertainOnceItCommitted(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			List<String> progress = new ArrayList<>();
			SmallsMigrator migrator = migrator(MarkProgress.around(db.dataSource(), MarkProgress.recording(progress)),
					THREE_STEPS);
			migrator.migrate(1);
			progress.clear();
			migrator.migrate();
			// Recorded in the mark and committed as each operation runs; a data step's rows are in
			// doubt only while they are being committed.
			assertThat(progress).containsExactly("0-1", "1-1", "1-2", "2-2", "2-3", "3-3");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "SQLITE" })
	void nothingIsToldWhereTheTransactionHoldsEveryOperation(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			List<String> progress = new ArrayList<>();
			migrator(MarkProgress.around(db.dataSource(), MarkProgress.recording(progress)), THREE_STEPS).migrate();
			assertThat(progress).isEmpty();
		}
	}

	@Test
	void aFailedRunIsFollowedBackToTheStateItStartedFrom() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			migrator(db.dataSource()).migrate();
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SchemaPlan plan = SchemaPlan.of(new TestSchemaMigration(2, "fails_third", (schema) -> {
				THREE_STEPS.change(schema);
				schema.addIndex("users", "users_missing_idx", "no_such_column");
			}));
			List<String> progress = new ArrayList<>();

			assertThatExceptionOfType(SchemaOperationException.class)
				.isThrownBy(() -> plan.run(jdbc, SmallsDialects.current(jdbc), 0, 4, record(progress)));

			assertThat(progress).containsExactly("0-1", "1-1", "1-2", "2-2", "2-3", "3-3", "3-4", "3-3", "2-3", "2-2",
					"1-2", "1-1", "0-1", "0-0");
		}
	}

	@Test
	void aRollbackCountsTheSameStatesDownwards() {
		try (FreshDatabase db = TestDatabase.MARIADB.createFreshDatabase()) {
			List<String> progress = new ArrayList<>();
			SmallsMigrator migrator = migrator(MarkProgress.around(db.dataSource(), MarkProgress.recording(progress)),
					THREE_STEPS);
			migrator.migrate();
			progress.clear();
			migrator.rollback(1);
			assertThat(progress).containsExactly("2-3", "2-2", "1-2", "1-1", "0-1", "0-0");
		}
	}

	@Test
	void progressThatCannotBeRecordedStopsTheRunAndWhatRanIsReversedAllTheSame() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			boolean[] failing = { false };
			SmallsMigrator migrator = migrator(MarkProgress.around(db.dataSource(), (certain, possible) -> {
				if (failing[0] && certain == 2) {
					throw new java.sql.SQLException("the marker could not be written");
				}
			}), THREE_STEPS);
			migrator.migrate(1);
			SchemaSnapshot before = SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT);
			failing[0] = true;
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("the marker could not be written")
				.withMessageContaining("The schema is as it was before 0002_three_steps. It is not recorded as applied.");
			assertThat(SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT).differencesFrom(before))
				.isEmpty();
		}
	}

	private static SchemaProgress.Listener record(List<String> progress) {
		return (certain, possible) -> progress.add(certain + "-" + possible);
	}

	private static SmallsMigrator migrator(javax.sql.DataSource dataSource, TestSchemaMigration... migrations) {
		List<dev.smalls.SmallsMigration> all = new ArrayList<>(List.of(SampleSchema.MIGRATION));
		all.addAll(List.of(migrations));
		return SmallsMigrator.builder(dataSource)
			.migrations(all.toArray(dev.smalls.SmallsMigration[]::new))
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

}
