package dev.smalls;

import java.sql.Connection;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.testsupport.BlockingRun;
import dev.smalls.testsupport.HeldLock;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@link SmallsMigrator#lockStatus()} against each database's own lock: a row lock (H2), an advisory lock
 * (PostgreSQL), {@code GET_LOCK} (MariaDB), a lease (HSQLDB) and a file lock (SQLite).
 */
class LockStatusTests {

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aFreeLockIsNotHeldAndTheProbeLeavesItFree(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource()).migrations(SqlMigration.table(1)).build();
			migrator.migrate();
			assertThat(migrator.lockStatus().held()).isFalse();
			assertThat(migrator.lockStatus().held()).isFalse();
			migrator.rollback(0);
			assertThat(migrator.status().current()).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aLockHeldByARunningMigrationIsHeld(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource()).migrations(SqlMigration.table(1)).build();
			migrator.migrate();
			try (BlockingRun run = BlockingRun.start(db.dataSource(), 2)) {
				assertThat(migrator.lockStatus().held()).isTrue();
			}
			assertThat(migrator.lockStatus().held()).isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void probingADatabaseSmallsNeverMigratedCreatesNothing(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			assertThat(SmallsMigrator.builder(db.dataSource()).build().lockStatus().held()).isFalse();
			try (Connection connection = db.dataSource().getConnection()) {
				assertThat(SmallsDialect.tableExists(connection, "smalls_history_lock")).isFalse();
				assertThat(SmallsDialect.tableExists(connection, "smalls_history")).isFalse();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aLockTakenOnADatabaseSmallsNeverMigratedIsHeld(TestDatabase database) throws Exception {
		assumeFalse(database == TestDatabase.SQLITE, "SQLite's lock is an operating-system file lock, which does not "
				+ "say who holds it, and a probe there takes it only where a history table says smalls was here");
		try (FreshDatabase db = database.createFreshDatabase();
				Connection holder = db.dataSource().getConnection();
				HeldLock lock = HeldLock.take(holder, db.dataSource(), LockStrategy.AUTO, Duration.ofSeconds(5))) {
			// What a first run holds between taking the lock and creating its history table.
			assertThat(lock).isNotNull();
			LockStatus status = SmallsMigrator.builder(db.dataSource()).build().lockStatus();
			assertThat(status.held()).isTrue();
			assertThat(status.holder()).isNotBlank();
		}
	}

}
