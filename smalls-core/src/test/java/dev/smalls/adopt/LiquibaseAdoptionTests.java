package dev.smalls.adopt;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.AdoptionResult;
import dev.smalls.LiquibaseAdoption;
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
 * {@code smalls adopt liquibase} freezes the change log the real Liquibase ran as one
 * baseline, on H2, PostgreSQL and MariaDB, and refuses while Liquibase may have work under
 * way.
 */
class LiquibaseAdoptionTests {

	private static final String CHANGELOG = "liquibase/changelog.yaml";

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void theChangeLogBecomesOneBaselineAndSmallsMigrationsFollowIt(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			update(db);
			SmallsMigrator migrator = migrator(db, SqlMigration.sql(1, "add_phone",
					"ALTER TABLE customers ADD phone VARCHAR(40)", "ALTER TABLE customers DROP COLUMN phone"));
			AdoptionResult result = migrator.adoptLiquibase(LiquibaseAdoption.defaults());
			assertThat(result.recorded()).extracting(MigrationInfo::displayName, MigrationInfo::origin)
				.containsExactly(tuple("0000_liquibase", "baseline liquibase 3 change sets in DATABASECHANGELOG, "
						+ "last " + CHANGELOG + "::3::grace"));
			assertThat(result.nextSequence()).isEqualTo(1);
			assertThat(result.notes()).singleElement().asString().contains("smalls migrations from 0001");
			assertThat(migrator.status().migrations()).extracting(MigrationInfo::sequence, MigrationInfo::state)
				.containsExactly(tuple(0, MigrationState.APPLIED), tuple(1, MigrationState.PENDING));
			assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(1);
			assertThat(migrator.rollback(0).rolledBack()).extracting(MigrationExecution::sequence).containsExactly(1);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customers", Integer.class)).isEqualTo(1);
			assertThat(migrator.status().migrations()).extracting(MigrationInfo::sequence, MigrationInfo::state)
				.containsExactly(tuple(0, MigrationState.APPLIED), tuple(1, MigrationState.PENDING));
			assertThat(migrator.adoptLiquibase(LiquibaseAdoption.defaults()).recorded()).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aMigrateBeforeTheAdoptionIsRefusedAndRunsNothing(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			update(db);
			SmallsMigrator migrator = migrator(db, SqlMigration.sql(1, "add_phone",
					"ALTER TABLE customers ADD phone VARCHAR(40)", "ALTER TABLE customers DROP COLUMN phone"));
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("This database was migrated by Liquibase (DATABASECHANGELOG records 3 applied "
						+ "changes)")
				.withMessageContaining("Nothing was run.")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("smalls adopt liquibase"));
			assertThat(jdbc.queryForList("SELECT * FROM customers").get(0)).doesNotContainKeys("phone", "PHONE");
			migrator.adoptLiquibase(LiquibaseAdoption.defaults());
			assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(1);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aBaselineAtAGivenSequenceTakesTheSmallsMigrationsThatStandForTheChangeLog(TestDatabase database)
			throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			update(db);
			SmallsMigrator migrator = migrator(db, SqlMigration.table(1), SqlMigration.table(2), SqlMigration.table(3));
			AdoptionResult result = migrator.adoptLiquibase(new LiquibaseAdoption(LiquibaseAdoption.DEFAULT_TABLE,
					null, 2));
			assertThat(result.recorded()).extracting(MigrationInfo::displayName)
				.containsExactly("0001_create_t1", "0002_create_t2");
			assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(3);
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollback(1))
				.withMessageContaining("0002_create_t2 is a baseline (baseline liquibase 3 change sets");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void anAdoptionIsRefusedWhileLiquibaseHoldsItsLock(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			update(db);
			SmallsMigrator migrator = migrator(db);
			try (Connection connection = db.dataSource().getConnection()) {
				Database liquibase = DatabaseFactory.getInstance()
					.findCorrectDatabaseImplementation(new JdbcConnection(connection));
				LockService lock = LockServiceFactory.getInstance().getLockService(liquibase);
				lock.acquireLock();
				try {
					assertThatExceptionOfType(SmallsValidationException.class)
						.isThrownBy(() -> migrator.adoptLiquibase(LiquibaseAdoption.defaults()))
						.withMessageContaining("Liquibase's lock DATABASECHANGELOGLOCK is held by ")
						.withMessageContaining("change sets may be pending. Nothing was recorded.")
						.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.ADOPTION_REFUSED))
						.satisfies((ex) -> assertThat(ex.getAction()).contains("liquibase release-locks"));
				}
				finally {
					lock.releaseLock();
					LockServiceFactory.getInstance().resetAll();
				}
			}
			assertThat(migrator.status().migrations()).isEmpty();
			assertThat(migrator.adoptLiquibase(LiquibaseAdoption.defaults()).recorded()).hasSize(1);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aChangeLogTableOfAnotherNameIsLockedThroughLiquibasesOwnLockTable(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			// Liquibase names its lock table DATABASECHANGELOGLOCK whatever the change log is called.
			update(db, "APP_CHANGELOG");
			SmallsMigrator migrator = migrator(db);
			LiquibaseAdoption options = new LiquibaseAdoption("APP_CHANGELOG", null, LiquibaseAdoption.DEFAULT_SEQUENCE);
			assertThat(options.lockTable()).isEqualTo(LiquibaseAdoption.DEFAULT_LOCK_TABLE);
			try (Connection connection = db.dataSource().getConnection()) {
				Database liquibase = DatabaseFactory.getInstance()
					.findCorrectDatabaseImplementation(new JdbcConnection(connection));
				liquibase.setDatabaseChangeLogTableName("APP_CHANGELOG");
				LockService lock = LockServiceFactory.getInstance().getLockService(liquibase);
				lock.acquireLock();
				try {
					assertThatExceptionOfType(SmallsValidationException.class)
						.isThrownBy(() -> migrator.adoptLiquibase(options))
						.withMessageContaining("Liquibase's lock DATABASECHANGELOGLOCK is held by ");
				}
				finally {
					lock.releaseLock();
					LockServiceFactory.getInstance().resetAll();
				}
			}
			assertThat(migrator.adoptLiquibase(options).recorded()).hasSize(1);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void anAdoptionIsRefusedWhileTheChangeLogHasChangeSetsTheDatabaseHasNotRun(TestDatabase database)
			throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			update(db);
			SmallsMigrator migrator = migrator(db);
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> migrator.adoptLiquibase(
						LiquibaseAdoption.defaults().withPending(List.of(CHANGELOG + "::4::ada"))))
				.withMessageContaining("The change log has 1 change set this database has not run: " + CHANGELOG
						+ "::4::ada.")
				.withMessageContaining("Nothing was recorded.")
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.ADOPTION_REFUSED))
				.satisfies((ex) -> assertThat(ex.getAction()).contains("liquibase update")
					.contains("remove them from the change log"));
			assertThat(migrator.status().migrations()).isEmpty();
			AdoptionResult result = migrator.adoptLiquibase(LiquibaseAdoption.defaults().withPending(List.of()));
			assertThat(result.recorded()).hasSize(1);
			assertThat(result.notes()).singleElement()
				.asString()
				.contains("the change log was checked: no change set of it is pending");
		}
	}

	@Test
	void aRefusalForManyPendingChangeSetsNamesTheFirstTenAndCountsTheRest() throws Exception {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			update(db);
			List<String> pending = IntStream.rangeClosed(4, 15).mapToObj((id) -> CHANGELOG + "::" + id + "::ada").toList();
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> migrator(db).adoptLiquibase(LiquibaseAdoption.defaults().withPending(pending)))
				.withMessageContaining("The change log has 12 change sets this database has not run: " + CHANGELOG
						+ "::4::ada, ")
				.withMessageContaining(CHANGELOG + "::13::ada and 2 more.")
				.withMessageNotContaining("::14::");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void anAdoptionWithoutLiquibasesTableIsRefused(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> migrator(db).adoptLiquibase(LiquibaseAdoption.defaults()))
				.withMessageContaining("There is no Liquibase change log table DATABASECHANGELOG in this database.");
		}
	}

	private static void update(FreshDatabase db) throws Exception {
		update(db, null);
	}

	@SuppressWarnings("deprecation")
	private static void update(FreshDatabase db, String changeLogTable) throws Exception {
		try (Connection connection = db.dataSource().getConnection()) {
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			if (changeLogTable != null) {
				database.setDatabaseChangeLogTableName(changeLogTable);
			}
			try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
				liquibase.update(new Contexts(), new LabelExpression());
			}
		}
		LockServiceFactory.getInstance().resetAll();
	}

	private static SmallsMigrator migrator(FreshDatabase db, SmallsMigration... migrations) {
		return SmallsMigrator.builder(db.dataSource())
			.migrations(List.of(migrations))
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

}
