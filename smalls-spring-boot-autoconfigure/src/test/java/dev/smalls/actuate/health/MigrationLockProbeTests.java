package dev.smalls.actuate.health;

import java.sql.Connection;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.testapp.BlockingRun;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock probe against each database's own lock: a row lock (H2), an advisory lock
 * (PostgreSQL), {@code GET_LOCK} (MariaDB), a lease (HSQLDB) and a file lock (SQLite).
 */
class MigrationLockProbeTests {

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aFreeLockIsNotHeldAndTheProbeLeavesItFree(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource()).migrations(SqlMigration.table(1)).build();
			migrator.migrate();
			MigrationLockProbe probe = new MigrationLockProbe(db.dataSource(), "smalls_history", null);
			assertThat(probe.isHeld()).isFalse();
			assertThat(probe.isHeld()).isFalse();
			migrator.rollback(0);
			assertThat(migrator.status().current()).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aLockHeldByARunningMigrationIsHeld(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator.builder(db.dataSource()).migrations(SqlMigration.table(1)).build().migrate();
			MigrationLockProbe probe = new MigrationLockProbe(db.dataSource(), "smalls_history", null);
			try (BlockingRun run = BlockingRun.start(db.dataSource(), 2)) {
				assertThat(probe.isHeld()).isTrue();
			}
			assertThat(probe.isHeld()).isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void probingADatabaseSmallsNeverMigratedCreatesNothing(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			MigrationLockProbe probe = new MigrationLockProbe(db.dataSource(), "smalls_history", null);
			assertThat(probe.isHeld()).isFalse();
			try (Connection connection = db.dataSource().getConnection()) {
				assertThat(SmallsDialect.tableExists(connection, "smalls_history_lock")).isFalse();
				assertThat(SmallsDialect.tableExists(connection, "smalls_history")).isFalse();
			}
		}
	}

}
