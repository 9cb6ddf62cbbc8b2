package dev.smalls.schema;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.ColumnType.BIGINT;
import static dev.smalls.schema.ColumnType.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SQLite changes what its {@code ALTER TABLE} cannot by rebuilding the table, as its
 * documentation recommends: the rows, the keys SQLite numbers and the names of foreign keys
 * survive; what a rebuild would lose is refused before anything changes.
 */
class SqliteRebuildTests {

	@Test
	void rowsAndTheRowidNumberingSurviveARebuild() {
		try (FreshDatabase db = TestDatabase.SQLITE.createFreshDatabase()) {
			JdbcTemplate jdbc = prepared(db);
			migrator(db, new TestSchemaMigration(2, "widen_age",
					(schema) -> schema.alterColumnType("users", "age", INTEGER, BIGINT))).migrate();
			assertThat(jdbc.queryForList("SELECT name || ':' || age FROM users ORDER BY id", String.class))
				.containsExactly("ann:31", "bob:42");
			jdbc.update("INSERT INTO users (name) VALUES ('cid')");
			assertThat(jdbc.queryForObject("SELECT id FROM users WHERE name = 'cid'", Long.class)).isEqualTo(3);
			assertThat(SchemaSnapshot.read(jdbc).table("users").column("age").typeName()).isEqualTo("BIGINT");
		}
	}

	@Test
	void foreignKeysKeepTheirNamesThroughARebuild() {
		try (FreshDatabase db = TestDatabase.SQLITE.createFreshDatabase()) {
			JdbcTemplate jdbc = prepared(db);
			jdbc.update("UPDATE orders SET note = 'n'");
			migrator(db, new TestSchemaMigration(2, "legacy_key", (schema) -> {
				schema.addForeignKey("orders", "fk_orders_legacy", "legacy_code", "legacy", "code");
				schema.setNotNull("orders", "note");
			})).migrate();
			SchemaSnapshot.Table orders = SchemaSnapshot.read(jdbc).table("orders");
			assertThat(orders.foreignKeys()).extracting(SchemaSnapshot.ForeignKey::name)
				.containsExactly("fk_orders_legacy", "fk_orders_user");
			assertThat(orders.foreignKey("fk_orders_user").columns()).containsExactly("user_id");
			assertThat(orders.foreignKey("fk_orders_legacy").columns()).containsExactly("legacy_code");
		}
	}

	@Test
	void aTableWithACheckConstraintIsNotRebuiltAndNothingChanges() {
		try (FreshDatabase db = TestDatabase.SQLITE.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE scores (id INTEGER PRIMARY KEY, points INTEGER CHECK (points >= 0))");
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(new TestSchemaMigration(1, "require_points", (schema) -> {
					schema.addColumn("scores", "player", INTEGER);
					schema.setNotNull("scores", "points");
				}))
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			SchemaSnapshot before = SchemaSnapshot.read(jdbc);

			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("SQLite cannot make this change with ALTER TABLE, and smalls will not rebuild "
						+ "table scores: its definition uses CHECK, which a rebuild would not carry over. Write the "
						+ "change with sql(..) or run(..) instead");

			assertThat(SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT).differencesFrom(before)).isEmpty();
		}
	}

	@Test
	void aTableWithATriggerIsNotRebuilt() {
		try (FreshDatabase db = TestDatabase.SQLITE.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE scores (id INTEGER PRIMARY KEY, points INTEGER)");
			jdbc.execute("CREATE TABLE audit (points INTEGER)");
			jdbc.execute("CREATE TRIGGER scores_audit AFTER INSERT ON scores BEGIN INSERT INTO audit VALUES "
					+ "(NEW.points); END");
			assertThatExceptionOfType(SmallsMigrationException.class)
				.isThrownBy(() -> SmallsMigrator.builder(db.dataSource())
					.migrations(new TestSchemaMigration(1, "require_points",
							(schema) -> schema.setNotNull("scores", "points")))
					.build()
					.migrate())
				.withMessageContaining("smalls will not rebuild table scores: trigger scores_audit is defined on it");
		}
	}

	@Test
	void aTableOthersReferenceIsNotRebuiltWhileForeignKeysAreEnforced() {
		try (FreshDatabase db = TestDatabase.SQLITE.createFreshDatabase();
				HikariDataSource enforcing = new HikariDataSource()) {
			prepared(db);
			enforcing.setJdbcUrl(db.url() + "&foreign_keys=true");
			assertThatExceptionOfType(SmallsMigrationException.class)
				.isThrownBy(() -> SmallsMigrator.builder(enforcing)
					.migrations(SampleSchema.MIGRATION,
							new TestSchemaMigration(2, "require_name", (schema) -> schema.dropNotNull("users", "name")))
					.build()
					.migrate())
				.withMessageContaining("smalls will not rebuild table users: table orders references it while PRAGMA "
						+ "foreign_keys is on, and dropping the old table would fire that key's actions");
		}
	}

	@Test
	void aRebuildThatFailsHalfWayInAutoCommitModeLeavesNothingBehind() {
		try (FreshDatabase db = TestDatabase.SQLITE.createFreshDatabase()) {
			JdbcTemplate jdbc = prepared(db);
			jdbc.update("INSERT INTO users (name) VALUES ('no age')");
			SchemaSnapshot before = SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT);

			// The copy into the rebuilt table fails on the row without an age.
			assertThatExceptionOfType(SmallsMigrationException.class)
				.isThrownBy(() -> migrator(db, new OutsideTransaction()).migrate())
				.withMessageContaining("NOT NULL constraint failed");

			assertThat(SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT).differencesFrom(before)).isEmpty();
		}
	}

	private static JdbcTemplate prepared(FreshDatabase db) {
		SmallsMigrator.builder(db.dataSource())
			.migrations(SampleSchema.MIGRATION)
			.lockTimeout(Duration.ofSeconds(30))
			.build()
			.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
		SampleSchema.addRows(jdbc);
		return jdbc;
	}

	private static SmallsMigrator migrator(FreshDatabase db, SchemaMigration migration) {
		return SmallsMigrator.builder(db.dataSource())
			.migrations(SampleSchema.MIGRATION, migration)
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** Requires users' age, in auto-commit mode. */
	private static final class OutsideTransaction implements SchemaMigration {

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public boolean transactional() {
			return false;
		}

		@Override
		public void change(Schema schema) {
			schema.setNotNull("users", "age");
		}

	}

}
