package dev.smalls.schema;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.DriftResult;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.schema.SchemaDriftDetectionTests.HandChange;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code drift} through the migrator, on each database: the schema is recorded when a run
 * that changed something ends, a clean migrate and rollback show no drift, and each change
 * made by hand afterwards is found and named, also after a later run.
 */
class DriftTests {

	@ParameterizedTest
	@MethodSource("dev.smalls.schema.SchemaDriftDetectionTests#handChanges")
	void eachChangeByHandAfterACleanMigrateIsFoundAndNamed(TestDatabase database, HandChange change) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db.dataSource(), handMade());
			migrator.migrate();
			DriftResult clean = migrator.drift();
			assertThat(clean.recorded()).isTrue();
			assertThat(clean.differences()).as("after a clean migrate").isEmpty();

			change.statements(database).forEach(jdbc::execute);

			DriftResult drift = migrator.drift();
			assertThat(drift.drifted()).isTrue();
			assertThat(drift.differences()).hasSize(1);
			assertThat(drift.differences().get(0).toLowerCase(Locale.ROOT)).isEqualTo(change.difference(database));
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aHandChangeMadeBeforeARunIsStillReportedAfterItAndTheRunsOwnWorkIsNot(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			assertThat(migrator(db.dataSource(), handMade()).drift().recorded()).isFalse();
			migrator(db.dataSource(), handMade()).migrate();
			jdbc.execute("ALTER TABLE orders ADD COLUMN nickname VARCHAR(20)");
			SmallsMigrator later = migrator(db.dataSource(), handMade(), notes());

			later.migrate();

			DriftResult drift = later.drift();
			assertThat(drift.differences()).hasSize(1);
			assertThat(drift.differences().get(0).toLowerCase(Locale.ROOT)).startsWith("column orders.nickname is new");
			// Rolled back again: the run's table goes, the hand change stays reported.
			later.rollback(1);
			assertThat(later.drift().differences()).hasSize(1);
			// A person checked it and keeps it.
			later.acceptDrift();
			assertThat(later.drift().differences()).isEmpty();
			assertThat(later.drift().recorded()).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void ignoredTablesAreLeftOutAndDriftChangesNothing(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(handMade())
				.driftIgnoredTables(List.of("APP_SETTINGS"))
				.recordSchema(true)
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			migrator.migrate();
			jdbc.execute("CREATE TABLE app_settings (id INTEGER)");
			SchemaSnapshot before = SchemaSnapshot.read(db.dataSource());
			assertThat(migrator.drift().differences()).isEmpty();
			assertThat(SchemaSnapshot.read(db.dataSource())).isEqualTo(before);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM smalls_history", Integer.class)).isOne();
		}
	}

	private static SmallsMigrator migrator(DataSource dataSource, SmallsMigration... migrations) {
		return SmallsMigrator.builder(dataSource).migrations(migrations).recordSchema(true)
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

	private static SmallsMigration handMade() {
		return new SqlMigration(1, "hand_made", HandMadeSchema::create, HandMadeSchema::drop);
	}

	private static SmallsMigration notes() {
		return new TestSchemaMigration(2, "create_notes", (s) -> s.createTable("notes", (t) -> t.id("id")));
	}

}
