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
			SmallsMigrator migrator = migrator(db, THREE_STEPS);
			migrator.migrate(1);
			List<String> progress = new ArrayList<>();
			try (SchemaProgress.Binding binding = SchemaProgress.bind(record(progress))) {
				migrator.migrate();
			}
			// A data step's rows are in doubt only while they are being committed.
			assertThat(progress).containsExactly("0-1", "1-1", "1-2", "2-2", "2-3", "3-3");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "SQLITE" })
	void nothingIsToldWhereTheTransactionHoldsEveryOperation(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			List<String> progress = new ArrayList<>();
			try (SchemaProgress.Binding binding = SchemaProgress.bind(record(progress))) {
				migrator(db, THREE_STEPS).migrate();
			}
			assertThat(progress).isEmpty();
		}
	}

	@Test
	void aFailedRunIsFollowedBackToTheStateItStartedFrom() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			migrator(db).migrate();
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
			SmallsMigrator migrator = migrator(db, THREE_STEPS);
			migrator.migrate();
			List<String> progress = new ArrayList<>();
			try (SchemaProgress.Binding binding = SchemaProgress.bind(record(progress))) {
				migrator.rollback(1);
			}
			assertThat(progress).containsExactly("2-3", "2-2", "1-2", "1-1", "0-1", "0-0");
		}
	}

	@Test
	void aListenerIsBoundOnlyUntilItsBindingIsClosed() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			List<String> progress = new ArrayList<>();
			SmallsMigrator migrator = migrator(db, THREE_STEPS);
			try (SchemaProgress.Binding binding = SchemaProgress.bind(record(progress))) {
				migrator.migrate(1);
			}
			assertThat(progress).isNotEmpty();
			progress.clear();
			migrator.migrate();
			assertThat(progress).isEmpty();
		}
	}

	@Test
	void aListenerThatFailsStopsTheRunAndWhatRanIsReversedAllTheSame() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, THREE_STEPS);
			migrator.migrate(1);
			SchemaSnapshot before = SchemaSnapshot.read(jdbc).without("smalls_history", "smalls_history_lock", "smalls_history_interrupted");
			SchemaProgress.Listener failing = (certain, possible) -> {
				if (certain == 2) {
					throw new IllegalStateException("the marker could not be written");
				}
			};
			try (SchemaProgress.Binding binding = SchemaProgress.bind(failing)) {
				assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
					.withMessageContaining("the marker could not be written");
			}
			assertThat(SchemaSnapshot.read(jdbc).without("smalls_history", "smalls_history_lock", "smalls_history_interrupted").differencesFrom(before))
				.isEmpty();
		}
	}

	private static SchemaProgress.Listener record(List<String> progress) {
		return (certain, possible) -> progress.add(certain + "-" + possible);
	}

	private static SmallsMigrator migrator(FreshDatabase db, TestSchemaMigration... migrations) {
		List<dev.smalls.SmallsMigration> all = new ArrayList<>(List.of(SampleSchema.MIGRATION));
		all.addAll(List.of(migrations));
		return SmallsMigrator.builder(db.dataSource())
			.migrations(all.toArray(dev.smalls.SmallsMigration[]::new))
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

}
