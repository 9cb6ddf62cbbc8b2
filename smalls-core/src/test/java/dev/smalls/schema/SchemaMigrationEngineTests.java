package dev.smalls.schema;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationState;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.SqlMigration;
import dev.smalls.SqlPreview;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.ColumnType.INTEGER;
import static dev.smalls.schema.ColumnType.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the migrator reports and offers for schema migrations: a failure that smalls undid is
 * reported as leaving nothing, and the SQL of a migration can be seen before it runs.
 */
class SchemaMigrationEngineTests {

	private static final SchemaMigration THIRD_FAILS = new TestSchemaMigration(2, "add_tags", (schema) -> {
		schema.createTable("tags", (table) -> {
			table.id("id");
			table.column("name", varchar(50)).notNull();
		});
		schema.addColumn("users", "tag_count", INTEGER);
		schema.addIndex("no_such_table", "no_such_idx", "x");
	});

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aSchemaMigrationThatFailsHalfWayIsReportedAsLeavingTheSchemaAsItWas(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, SampleSchema.MIGRATION, THIRD_FAILS);
			migrator.migrate(1);
			SchemaSnapshot before = snapshot(jdbc);
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("Migration 0002_add_tags failed: ")
				.withMessageContaining(". It is not recorded as applied.")
				// Said once, by the migration: not again by the migrator.
				.withMessageNotContaining("as it was before it.")
				.withMessageNotContaining("..")
				.satisfies((ex) -> {
					assertThat(ex.getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
					assertThat(ex.getAction()).isEqualTo("Fix 0002_add_tags and run migrate again.");
				});
			assertThat(snapshot(jdbc).differencesFrom(before)).isEmpty();
			assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void theSqlOfASchemaMigrationAndItsRollbackIsShownWithoutRunningIt(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigration code = SqlMigration.sql(3, "by_hand", "CREATE TABLE x (id INT)", "DROP TABLE x");
			SmallsMigrator migrator = migrator(db, SampleSchema.MIGRATION, THIRD_FAILS, code);
			SqlPreview forward = migrator.sql(2, false);
			assertThat(forward.previewable()).isTrue();
			assertThat(forward.lines()).first().asString().startsWith("-- 1. createTable tags");
			assertThat(String.join("\n", forward.lines())).containsIgnoringCase("CREATE TABLE tags")
				.containsIgnoringCase("ALTER TABLE users")
				.containsIgnoringCase("CREATE INDEX no_such_idx");
			SqlPreview backward = migrator.sql(2, true);
			assertThat(backward.lines()).first().asString().startsWith("-- undo 3.");
			assertThat(String.join("\n", backward.lines())).containsIgnoringCase("DROP TABLE tags");
			SqlPreview byHand = migrator.sql(3, false);
			assertThat(byHand.previewable()).isFalse();
			assertThat(byHand.lines()).containsExactly("-- 0003_by_hand is Java code, not schema operations: smalls "
					+ "cannot show its SQL without running it.");
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.sql(9, false))
				.withMessageContaining("The code has no migration 0009");
			// Nothing ran: not even the history table exists.
			assertThat(migrator.status().current()).isZero();
		}
	}

	private static SmallsMigrator migrator(FreshDatabase db, SmallsMigration... migrations) {
		return SmallsMigrator.builder(db.dataSource()).migrations(migrations).lockTimeout(Duration.ofSeconds(30)).build();
	}

	private static SchemaSnapshot snapshot(JdbcTemplate jdbc) {
		return SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT);
	}

}
