package dev.smalls.adopt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.AdoptionResult;
import dev.smalls.FlywayAdoption;
import dev.smalls.LiquibaseAdoption;
import dev.smalls.MigrationExecution;
import dev.smalls.MigrationInfo;
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
 * {@code smalls adopt flyway} reads the history the real Flyway wrote, on H2, PostgreSQL and
 * MariaDB: after it, migrate re-runs nothing, status shows every adopted migration applied
 * with its origin, new smalls migrations run and roll back, and a rollback into adopted
 * migrations without code is refused.
 */
class FlywayAdoptionTests {

	@TempDir
	Path folder;

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void afterAdoptingMigrateRunsNothingAgainAndNewMigrationsRunAndRollBack(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			write("V1__create_users.sql", "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(100));");
			write("V2__add_email.sql", "ALTER TABLE users ADD email VARCHAR(200);");
			write("V003__create_orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, user_id INT);");
			write("V5__Index_Orders.sql", "CREATE INDEX ix_orders_user ON orders (user_id);");
			write("R__user_names.sql", "CREATE OR REPLACE VIEW user_names AS SELECT name FROM users;");
			Flyway flyway = flyway(db, new V4__Seed_users());
			flyway.migrate();
			int checksum = Arrays.stream(flyway.info().applied())
				.filter((info) -> info.getVersion() != null && info.getVersion().getVersion().equals("2"))
				.findFirst()
				.orElseThrow()
				.getChecksum();

			SmallsMigrator adopting = migrator(db);
			AdoptionResult result = adopting.adoptFlyway(FlywayAdoption.defaults());
			assertThat(result.recorded()).extracting(MigrationInfo::displayName, MigrationInfo::origin)
				.containsExactly(tuple("0001_create_users", "flyway SQL V1__create_users.sql checksum="
						+ checksumOf(flyway, "1")), tuple("0002_add_email", "flyway SQL V2__add_email.sql checksum=" + checksum),
						tuple("0003_create_orders", "flyway SQL V003__create_orders.sql checksum="
								+ checksumOf(flyway, "003")),
						tuple("0004_seed_users", "flyway JDBC " + V4__Seed_users.class.getName()),
						tuple("0005_index_orders", "flyway SQL V5__Index_Orders.sql checksum="
								+ checksumOf(flyway, "5")));
			assertThat(result.toPort()).singleElement()
				.asString()
				.startsWith("0004_seed_users (Flyway JDBC migration " + V4__Seed_users.class.getName())
				.contains("a SmallsMigration bean with sequence() 4 and name seed_users");
			assertThat(result.notes()).singleElement().asString().contains("repeatable migration", "R__user_names.sql");
			assertThat(result.nextSequence()).isEqualTo(6);
			assertThat(adopting.migrate().applied()).isEmpty();
			assertThat(adopting.status().migrations()).extracting(MigrationInfo::sequence, MigrationInfo::state)
				.containsExactly(tuple(1, dev.smalls.MigrationState.APPLIED), tuple(2, dev.smalls.MigrationState.APPLIED),
						tuple(3, dev.smalls.MigrationState.APPLIED), tuple(4, dev.smalls.MigrationState.APPLIED),
						tuple(5, dev.smalls.MigrationState.APPLIED));
			assertThat(adopting.status().migrations()).allMatch(MigrationInfo::recordedWithoutRunning);

			SmallsMigrator next = migrator(db, SqlMigration.sql(6, "add_total", "ALTER TABLE orders ADD total INT",
					"ALTER TABLE orders DROP COLUMN total"));
			assertThat(next.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(6);
			assertThat(next.status().migrations()).last()
				.extracting(MigrationInfo::displayName, MigrationInfo::origin)
				.containsExactly("0006_add_total", null);
			assertThat(next.rollback(5).rolledBack()).extracting(MigrationExecution::sequence).containsExactly(6);
			assertThat(next.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(6);
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> next.rollback(3))
				.withMessageContaining("Cannot roll back to 0003: 0004_seed_users (flyway JDBC ")
				.withMessageContaining("0005_index_orders (flyway SQL V5__Index_Orders.sql")
				.withMessageContaining("were adopted from another tool's history and the code has no migration with "
						+ "those sequences, so smalls cannot undo them. Nothing was rolled back.")
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.NOT_RUN_BY_SMALLS))
				.satisfies((ex) -> assertThat(ex.getAction()).startsWith("Roll back no further than 0005"));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users", Integer.class)).isEqualTo(1);

			AdoptionResult again = adopting.adoptFlyway(FlywayAdoption.defaults());
			assertThat(again.recorded()).isEmpty();
			assertThat(again.notes()).anyMatch((note) -> note.contains("recorded already"));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM smalls_history", Integer.class)).isEqualTo(6);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aFlywayBaselineBecomesASmallsBaselineThatRollbackStopsAt(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE legacy (id INT PRIMARY KEY)");
			write("V3__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);");
			Flyway flyway = Flyway.configure()
				.dataSource(db.dataSource())
				.locations("filesystem:" + this.folder)
				.baselineVersion("2")
				.baselineOnMigrate(true)
				.load();
			flyway.migrate();
			SmallsMigration portedOne = SqlMigration.table(1);
			SmallsMigrator migrator = migrator(db, portedOne, SqlMigration.table(4));
			AdoptionResult result = migrator.adoptFlyway(FlywayAdoption.defaults());
			assertThat(result.recorded()).extracting(MigrationInfo::displayName, MigrationInfo::origin)
				.containsExactly(tuple("0001_create_t1", "baseline flyway V2 << Flyway Baseline >>"),
						tuple("0002_flyway_baseline", "baseline flyway V2 << Flyway Baseline >>"),
						tuple("0003_create_notes", "flyway SQL V3__create_notes.sql checksum=" + checksumOf(flyway, "3")));
			assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(4);
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollback(0))
				.withMessageContaining("0002_flyway_baseline is a baseline (baseline flyway V2");
			assertThat(migrator.rollback(3).rolledBack()).extracting(MigrationExecution::sequence).containsExactly(4);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aFailedFlywayMigrationIsRefusedUntilFlywayRepairsIt(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			write("V1__create_users.sql", "CREATE TABLE users (id INT PRIMARY KEY);");
			write("V2__broken.sql", "CREATE TABLE broken (id INT PRIMARY KEY);\nINSERT INTO nowhere VALUES (1);");
			Flyway flyway = flyway(db);
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(flyway::migrate);
			boolean failureRecorded = Arrays.stream(flyway.info().all())
				.anyMatch((info) -> info.getState() == MigrationState.FAILED);
			// Where DDL is transactional, Flyway rolls the failed migration back, row and all.
			assertThat(failureRecorded).isEqualTo(!database.hasTransactionalDdl());
			SmallsMigrator migrator = migrator(db);
			if (failureRecorded) {
				assertThatExceptionOfType(SmallsValidationException.class)
					.isThrownBy(() -> migrator.adoptFlyway(FlywayAdoption.defaults()))
					.withMessageContaining("Flyway's history records a failed migration: V2 broken (SQL, V2__broken.sql)")
					.withMessageContaining("Nothing was recorded.")
					.satisfies((ex) -> assertThat(ex.getAction()).contains("flyway repair"));
				assertThat(migrator.status().migrations()).isEmpty();
				flyway.repair();
			}
			assertThat(migrator.adoptFlyway(FlywayAdoption.defaults()).recorded()).extracting(MigrationInfo::sequence)
				.containsExactly(1);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aFirstMigrateIsRefusedOnAHistoryInATableOfAnotherNameWhereTheMigratorIsToldOfIt(TestDatabase database)
			throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			write("V1__create_users.sql", "CREATE TABLE users (id INT PRIMARY KEY);");
			write("V2__seed_users.sql", "INSERT INTO users (id) VALUES (1);");
			Flyway.configure().dataSource(db.dataSource()).locations("filesystem:" + this.folder).table("legacy_history")
				.load()
				.migrate();
			FlywayAdoption legacy = FlywayAdoption.defaults().withTable("legacy_history", null);
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.sqlLocations("filesystem:" + this.folder)
				.foreignHistories(legacy, LiquibaseAdoption.defaults())
				.lockTimeout(Duration.ofSeconds(30))
				.build();

			// V2 would insert its row again.
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("This database was migrated by Flyway (legacy_history records 2 applied changes)")
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.ADOPTION_REFUSED));
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users", Integer.class)).isOne();

			assertThat(migrator.adoptFlyway(legacy).recorded()).hasSize(2);
			assertThat(migrator.migrate().applied()).isEmpty();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users", Integer.class)).isOne();
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void versionsThatAreNotWholeNumbersAreRefusedByNameUntilMappedToSequences(TestDatabase database)
			throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			write("V1__create_users.sql", "CREATE TABLE users (id INT PRIMARY KEY);");
			write("V1.1__create_tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);");
			write("V2.0.1__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);");
			Flyway.configure().dataSource(db.dataSource()).locations("filesystem:" + this.folder).table("legacy_history")
				.load()
				.migrate();
			SmallsMigrator migrator = migrator(db);
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> migrator.adoptFlyway(FlywayAdoption.defaults()))
				.withMessageContaining("There is no Flyway history table flyway_schema_history in this database.")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("--table"));
			FlywayAdoption legacy = FlywayAdoption.defaults().withTable("legacy_history", null);
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.adoptFlyway(legacy))
				.withMessageContaining("not a whole number from 1, which smalls' sequences are: V1.1, V2.0.1. Nothing "
						+ "was recorded.")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("adopt flyway --map 1.1=<n> --map 2.0.1=<n>"));
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> migrator.adoptFlyway(legacy.withSequence("1.1", 1).withSequence("2.0.1", 3)))
				.withMessageContaining("V1 and V1.1 both get 0001");
			assertThat(migrator.adoptFlyway(legacy.withSequence("1.1", 2).withSequence("2.0.1", 3)).recorded())
				.extracting(MigrationInfo::displayName)
				.containsExactly("0001_create_users", "0002_create_tags", "0003_create_notes");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aHistoryInAnotherSchemaIsReadFromTheSchemaNamedAndNoOther(TestDatabase database) throws Exception {
		// Two histories: Flyway's default in the connection's schema (V1 only), and another in a
		// schema of its own (V1 and V2). The JDBC metadata of some drivers ignores the schema
		// (MariaDB) or the catalog (PostgreSQL) it is given: only the table in the schema named counts.
		String schema = "legacy_" + Long.toHexString(System.nanoTime());
		String nowhere = "nowhere_" + Long.toHexString(System.nanoTime());
		try (FreshDatabase db = database.createFreshDatabase()) {
			write("V1__create_users.sql", "CREATE TABLE users (id INT PRIMARY KEY);");
			flyway(db).migrate();
			write("V2__create_tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);");
			Flyway.configure().dataSource(db.dataSource()).locations("filesystem:" + this.folder).schemas(schema)
				.load()
				.migrate();
			SmallsMigrator migrator = migrator(db);
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> migrator.adoptFlyway(FlywayAdoption.defaults().withTable(FlywayAdoption.DEFAULT_TABLE,
						nowhere)))
				.withMessageContaining("There is no Flyway history table " + nowhere + ".flyway_schema_history");
			assertThat(migrator.adoptFlyway(FlywayAdoption.defaults().withTable(FlywayAdoption.DEFAULT_TABLE, schema))
				.recorded()).extracting(MigrationInfo::displayName).containsExactly("0001_create_users", "0002_create_tags");
		}
		finally {
			if (database == TestDatabase.MARIADB) {
				try (FreshDatabase db = database.createFreshDatabase()) {
					new JdbcTemplate(db.dataSource()).execute("DROP DATABASE IF EXISTS " + schema);
				}
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aSqlFileChangedSinceFlywayRanItIsRefusedByNameAndOnceAdoptedAnEditShows(TestDatabase database)
			throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			write("V1__create_users.sql", "CREATE TABLE users (id INT PRIMARY KEY);");
			write("V2__create_tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);");
			flyway(db).migrate();
			String ran = Files.readString(this.folder.resolve("V2__create_tags.sql"));
			write("V2__create_tags.sql", ran + "\nCREATE INDEX ix_tags ON tags (id);");
			SmallsMigrator files = SmallsMigrator.builder(db.dataSource())
				.sqlLocations("filesystem:" + this.folder)
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> files.adoptFlyway(FlywayAdoption.defaults()))
				.withMessageContaining("A SQL file was changed since Flyway ran it: filesystem:" + this.folder
						+ "/V2__create_tags.sql (Flyway recorded checksum " + checksumOf(flyway(db), "2")
						+ " for V2__create_tags.sql, the file now gives ")
				.withMessageContaining("Nothing was recorded.")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("flyway repair"));
			assertThat(files.status().migrations()).extracting(MigrationInfo::state)
				.containsOnly(dev.smalls.MigrationState.PENDING);

			write("V2__create_tags.sql", ran);
			SmallsMigrator restored = SmallsMigrator.builder(db.dataSource())
				.sqlLocations("filesystem:" + this.folder)
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			assertThat(restored.adoptFlyway(FlywayAdoption.defaults()).recorded()).hasSize(2);
			assertThat(restored.migrate().applied()).isEmpty();
			write("V2__create_tags.sql", ran + "\nCREATE INDEX ix_tags ON tags (id);");
			SmallsMigrator edited = SmallsMigrator.builder(db.dataSource())
				.sqlLocations("filesystem:" + this.folder)
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			assertThat(edited.status().migrations()).extracting(MigrationInfo::sequence, MigrationInfo::state)
				.containsExactly(tuple(1, dev.smalls.MigrationState.APPLIED),
						tuple(2, dev.smalls.MigrationState.EDITED));
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aMigrationSmallsRanAtAnAdoptedSequenceIsRefusedByName(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			// smalls first: a migrate after Flyway's is refused until Flyway's history is adopted. Then
			// Flyway, on the schema smalls' tables are in (so from a baseline at 0 to take it).
			migrator(db, SqlMigration.table(1)).migrate();
			write("V1__create_users.sql", "CREATE TABLE users (id INT PRIMARY KEY);");
			Flyway.configure()
				.dataSource(db.dataSource())
				.locations("filesystem:" + this.folder)
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load()
				.migrate();
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> migrator(db).adoptFlyway(FlywayAdoption.defaults()))
				.withMessageContaining("smalls' history already records a migration at the sequences to record: "
						+ "0001_create_t1 (run by smalls, batch 1). Nothing was recorded.");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aHistoryOfHundredsOfMigrationsIsAdoptedAtOnce(TestDatabase database) throws Exception {
		int count = 200;
		try (FreshDatabase db = database.createFreshDatabase()) {
			for (int version = 1; version <= count; version++) {
				write("V" + version + "__step_" + version + ".sql", "SELECT 1;");
			}
			long flywayStart = System.nanoTime();
			flyway(db).migrate();
			long flywayMillis = (System.nanoTime() - flywayStart) / 1_000_000;
			long start = System.nanoTime();
			AdoptionResult result = migrator(db).adoptFlyway(FlywayAdoption.defaults());
			long millis = (System.nanoTime() - start) / 1_000_000;
			System.out.println("Flyway applied " + count + " migrations on " + database + " in " + flywayMillis
					+ " ms; smalls adopted them in " + millis + " ms");
			assertThat(result.recorded()).hasSize(count);
			assertThat(migrator(db).migrate().applied()).isEmpty();
		}
	}

	private static int checksumOf(Flyway flyway, String version) {
		return Arrays.stream(flyway.info().applied())
			.filter((info) -> info.getVersion() != null && info.getVersion().getVersion().equals(version))
			.findFirst()
			.orElseThrow()
			.getChecksum();
	}

	private Flyway flyway(FreshDatabase db, JavaMigration... java) {
		return Flyway.configure()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.folder)
			.javaMigrations(java)
			.load();
	}

	private void write(String name, String sql) throws IOException {
		Files.writeString(this.folder.resolve(name), sql);
	}

	private static SmallsMigrator migrator(FreshDatabase db, SmallsMigration... migrations) {
		return SmallsMigrator.builder(db.dataSource())
			.migrations(List.of(migrations))
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** A Flyway Java migration, as a Flyway project has them. */
	public static class V4__Seed_users extends BaseJavaMigration {

		@Override
		public void migrate(Context context) throws Exception {
			try (Statement statement = context.getConnection().createStatement()) {
				statement.execute("INSERT INTO users (id, name) VALUES (1, 'ada')");
			}
		}

	}

}
