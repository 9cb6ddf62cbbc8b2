package dev.smalls.schema;

import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationState;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.ColumnType.INTEGER;
import static dev.smalls.schema.ColumnType.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A schema migration that fails half-way leaves the schema as it was: by the transaction's
 * rollback where DDL is transactional (PostgreSQL, SQLite), by the inverses smalls runs where
 * DDL commits at once (MariaDB, H2, HSQLDB). Nothing of it is recorded, and the error says
 * which operation failed, what the database said, and what was reversed.
 */
class SchemaMigrationFailureTests {

	/** Three operations; the third indexes a column that does not exist. */
	private static final Consumer<Schema> THIRD_FAILS = (schema) -> {
		schema.createTable("tags", (table) -> {
			table.id("id");
			table.column("name", varchar(50)).notNull();
		});
		schema.addColumn("users", "nickname", varchar(50));
		schema.addIndex("users", "users_missing_idx", "no_such_column");
	};

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void operationsThatDoNotCheckOutAreRefusedBeforeAnythingRunsAndSaidToBe(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator migrator = migrator(db, new TestSchemaMigration(1, "bad_name",
					(schema) -> schema.createTable("bad name", (table) -> table.id("id"))));
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageStartingWith("Migration 0001_bad_name was refused before it ran: Table name 'bad name' is "
						+ "not a plain SQL identifier")
				.withMessageContaining("Nothing of it ran. It is not recorded as applied.")
				.withMessageNotContaining("SmallsCallback")
				.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.ROLLED_BACK));
			assertThat(migrator.status().migrations().get(0).state()).isEqualTo(MigrationState.PENDING);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aMigrationWhoseThirdOperationFailsLeavesTheSchemaAsItWasAndIsNotRecorded(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, SampleSchema.MIGRATION,
					new TestSchemaMigration(2, "add_tags", THIRD_FAILS));
			migrator.migrate(1);
			SchemaSnapshot before = snapshot(jdbc);

			SmallsMigrationException failure = catchMigrationFailure(migrator);

			assertThat(snapshot(jdbc).differencesFrom(before)).isEmpty();
			assertThat(jdbc.queryForList("SELECT sequence_no FROM smalls_history", Integer.class)).containsExactly(1);
			SchemaOperationException cause = (SchemaOperationException) failure.getCause();
			assertThat(cause.getOperation()).isEqualTo(3);
			assertThat(cause.getDescription()).isEqualTo("addIndex users_missing_idx on users (no_such_column)");
			assertThat(cause.isRestored()).isTrue();
			assertThat(cause.getState()).isZero();
			assertThat(cause.getMessage()).startsWith("Operation 3 of 0002_add_tags (addIndex users_missing_idx on "
					+ "users (no_such_column)) failed on " + database.displayName() + ": ")
				.containsIgnoringCase("no_such_column");
			if (database.hasTransactionalDdl()) {
				assertThat(cause.getReversed()).isEmpty();
				assertThat(cause.getMessage()).contains("rolls the migration's DDL back with its transaction: nothing "
						+ "of this run is left");
			}
			else {
				assertThat(cause.getReversed()).containsExactly("2. addColumn users.nickname VARCHAR(50)",
						"1. createTable tags (id BIGINT numbered by the database PRIMARY KEY, name VARCHAR(50) NOT NULL)");
				assertThat(cause.getMessage()).contains("commits DDL at once, so smalls reversed this run, newest "
						+ "first: 2. addColumn users.nickname VARCHAR(50), 1. createTable tags")
					.endsWith("The schema is as it was before 0002_add_tags.");
			}
			assertThat(cause.getAction()).isEqualTo("Fix operation 3 of 0002_add_tags and run migrate again.");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aDataStepBeforeTheFailureIsUndoneByItsBackwardStep(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, SampleSchema.MIGRATION,
					new TestSchemaMigration(2, "retire_users", (schema) -> {
						// First, so that no DDL runs after its backward step and commits that.
						schema.run((template) -> template.update("UPDATE users SET status = 'retired'"),
								(template) -> template.update("UPDATE users SET status = 'new'"));
						schema.addColumn("users", "retired", INTEGER);
						schema.addIndex("users", "users_missing_idx", "no_such_column");
					}));
			migrator.migrate(1);
			SampleSchema.addRows(jdbc);
			SchemaSnapshot before = snapshot(jdbc);

			catchMigrationFailure(migrator);

			assertThat(snapshot(jdbc).differencesFrom(before)).isEmpty();
			assertThat(jdbc.queryForList("SELECT status FROM users", String.class)).containsOnly("new");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aDataStepThatFailsHalfWayKeepsNoneOfItsChanges(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, SampleSchema.MIGRATION,
					new TestSchemaMigration(2, "rename_everyone", (schema) -> {
						schema.addColumn("users", "retired", INTEGER);
						schema.run((template) -> {
							template.update("UPDATE users SET name = 'renamed' WHERE name = 'ann'");
							throw new IllegalStateException("the data step gave up");
						}, (template) -> {
						});
					}));
			migrator.migrate(1);
			SampleSchema.addRows(jdbc);
			SchemaSnapshot before = snapshot(jdbc);

			SmallsMigrationException failure = catchMigrationFailure(migrator);

			assertThat(failure.getCause()).hasMessageContaining("the data step gave up");
			assertThat(snapshot(jdbc).differencesFrom(before)).isEmpty();
			assertThat(jdbc.queryForList("SELECT name FROM users ORDER BY id", String.class)).containsExactly("ann",
					"bob");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "MARIADB", "H2", "HSQLDB" })
	void whenAnInverseFailsTooTheErrorSaysWhatIsStillInEffect(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, SampleSchema.MIGRATION,
					new TestSchemaMigration(2, "stuck", (schema) -> {
						schema.addColumn("users", "nickname", varchar(50));
						schema.sql("CREATE TABLE notes (id INTEGER PRIMARY KEY)", "DROP TABLE no_such_table");
						schema.addIndex("users", "users_missing_idx", "no_such_column");
					}));
			migrator.migrate(1);

			SchemaOperationException cause = (SchemaOperationException) catchMigrationFailure(migrator).getCause();

			assertThat(cause.isRestored()).isFalse();
			assertThat(cause.getState()).isEqualTo(2);
			assertThat(cause.getReversed()).isEmpty();
			assertThat(cause.getMessage()).contains("so smalls began reversing this run, but undoing operation 2 (sql "
					+ "\"CREATE TABLE notes (id INTEGER PRIMARY KEY)\") failed too: ")
				.containsIgnoringCase("no_such_table")
				.endsWith("Operations 1 to 2 are in effect.");
			assertThat(cause.getAction()).startsWith("Bring the schema back to where it was before 0002_stuck by hand "
					+ "(operations 1 to 2 are in effect), then fix operation 3 of 0002_stuck and run migrate again.");
			SchemaSnapshot.Table users = SchemaSnapshot.read(jdbc).table("users");
			assertThat(users).isNotNull();
			assertThat(users.column("nickname")).isNotNull();
			assertThat(SchemaSnapshot.read(jdbc).table("notes")).isNotNull();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aRollbackThatFailsHalfWayLeavesTheMigrationAppliedAsItWas(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, SampleSchema.MIGRATION,
					new TestSchemaMigration(2, "one_way_notes", (schema) -> {
						schema.sql("CREATE TABLE notes (id INTEGER PRIMARY KEY)", "DROP TABLE no_such_table");
						schema.addColumn("users", "nickname", varchar(50));
						schema.addIndex("users", "users_nickname_idx", "nickname");
					}));
			migrator.migrate();
			SchemaSnapshot applied = snapshot(jdbc);

			SmallsMigrationException failure = catchFailure(() -> migrator.rollback(1));

			SchemaOperationException cause = (SchemaOperationException) failure.getCause();
			assertThat(cause.getOperation()).isEqualTo(1);
			assertThat(cause.getMessage()).startsWith("Undoing operation 1 of 0002_one_way_notes");
			assertThat(cause.getAction()).isEqualTo("Fix the inverse of operation 1 of 0002_one_way_notes and run "
					+ "rollback again.");
			if (!database.hasTransactionalDdl()) {
				assertThat(cause.getReversed()).containsExactly("2. addColumn users.nickname VARCHAR(50)",
						"3. addIndex users_nickname_idx on users (nickname)");
			}
			assertThat(snapshot(jdbc).differencesFrom(applied)).isEmpty();
			assertThat(migrator.status().current()).isEqualTo(2);
		}
	}

	@Test
	void onPostgresqlAMigrationOutsideATransactionIsUndoneByItsInversesToo() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, SampleSchema.MIGRATION, new OutsideTransaction());
			migrator.migrate(1);
			SchemaSnapshot before = snapshot(jdbc);

			SchemaOperationException cause = (SchemaOperationException) catchMigrationFailure(migrator).getCause();

			assertThat(cause.getMessage()).contains("Each statement commits at once in auto-commit mode, so smalls "
					+ "reversed this run, newest first: 2. addColumn users.nickname");
			assertThat(snapshot(jdbc).differencesFrom(before)).isEmpty();
		}
	}

	private static SmallsMigrationException catchMigrationFailure(SmallsMigrator migrator) {
		return catchFailure(migrator::migrate);
	}

	private static SmallsMigrationException catchFailure(Runnable run) {
		SmallsMigrationException[] caught = new SmallsMigrationException[1];
		assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(run::run)
			.satisfies((ex) -> caught[0] = ex)
			.havingCause()
			.isInstanceOf(SchemaOperationException.class);
		return caught[0];
	}

	private static SmallsMigrator migrator(FreshDatabase db, SmallsMigration... migrations) {
		return SmallsMigrator.builder(db.dataSource()).migrations(migrations).lockTimeout(Duration.ofSeconds(30)).build();
	}

	private static SchemaSnapshot snapshot(JdbcTemplate jdbc) {
		return SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT);
	}

	/** {@link #THIRD_FAILS}, in auto-commit mode. */
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
			THIRD_FAILS.accept(schema);
		}

	}

}
