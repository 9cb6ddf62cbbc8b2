package dev.smalls;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.dialect.lock.LockRequest;
import dev.smalls.dialect.lock.MigrationLock;
import dev.smalls.testsupport.HeldLock;
import dev.smalls.testsupport.Locking;
import dev.smalls.testsupport.TestDatabase;

import static dev.smalls.SqlMigration.sql;
import static dev.smalls.SqlMigration.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link SmallsMigrator} promises, run against each real database.
 */
abstract class MigratorBehaviourTests {

	protected DataSource dataSource;

	protected JdbcTemplate jdbc;

	/**
	 * The database under test.
	 * @return the database
	 */
	protected abstract TestDatabase database();

	@BeforeEach
	void freshDatabase() {
		this.dataSource = database().createFreshDatabase().dataSource();
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	protected SmallsMigrator migrator(SmallsMigration... migrations) {
		return SmallsMigrator.builder(this.dataSource).migrations(migrations).lockTimeout(Duration.ofSeconds(30)).build();
	}

	protected boolean tableExists(String table) {
		try {
			this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	protected List<Integer> recordedSequences() {
		return this.jdbc.queryForList("SELECT sequence_no FROM smalls_history ORDER BY sequence_no", Integer.class);
	}

	@Test
	void migrateAppliesEveryPendingMigrationInSequenceOrderAsOneBatch() {
		List<Integer> order = new ArrayList<>();
		SmallsMigration second = new SqlMigration(2, "second", (jdbc) -> order.add(2), (jdbc) -> {
		});
		SmallsMigration first = new SqlMigration(1, "first", (jdbc) -> order.add(1), (jdbc) -> {
		});
		MigrateResult result = migrator(second, first, table(3)).migrate();
		assertThat(order).containsExactly(1, 2);
		assertThat(result.applied()).extracting(MigrationExecution::displayName)
			.containsExactly("0001_first", "0002_second", "0003_create_t3");
		assertThat(result.batch()).isEqualTo(1);
		assertThat(result.current()).isEqualTo(3);
		assertThat(tableExists("t3")).isTrue();
		assertThat(this.jdbc.queryForList("SELECT DISTINCT batch FROM smalls_history", Integer.class)).containsExactly(1);
	}

	@Test
	void migrateRecordsWhoAppliedEachMigrationWhenAndHowLong() {
		SmallsMigrator migrator = SmallsMigrator.builder(this.dataSource).migrations(table(1)).appliedBy("ci@runner-7").build();
		migrator.migrate();
		MigrationInfo info = migrator.status().migrations().get(0);
		assertThat(info.appliedBy()).isEqualTo("ci@runner-7");
		assertThat(info.appliedAt()).isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plusSeconds(60));
		assertThat(info.executionMillis()).isNotNull().isGreaterThanOrEqualTo(0L);
		assertThat(info.batch()).isEqualTo(1);
	}

	@Test
	void migrateToTargetAppliesUpToAndIncludingTheTarget() {
		SmallsMigrator migrator = migrator(table(1), table(2), table(3));
		MigrateResult result = migrator.migrate(2);
		assertThat(result.applied()).extracting(MigrationExecution::sequence).containsExactly(1, 2);
		assertThat(result.current()).isEqualTo(2);
		assertThat(tableExists("t3")).isFalse();
	}

	@Test
	void eachMigrateRunIsANewBatchAndARunWithNothingPendingChangesNothing() {
		migrator(table(1)).migrate();
		MigrateResult second = migrator(table(1), table(2)).migrate();
		assertThat(second.batch()).isEqualTo(2);
		MigrateResult third = migrator(table(1), table(2)).migrate();
		assertThat(third.applied()).isEmpty();
		assertThat(third.current()).isEqualTo(2);
		assertThat(this.jdbc.queryForList("SELECT batch FROM smalls_history ORDER BY sequence_no", Integer.class))
			.containsExactly(1, 2);
	}

	@Test
	void rollbackToTargetRollsBackNewestFirstAndKeepsTheTarget() {
		List<Integer> order = new ArrayList<>();
		SmallsMigrator migrator = migrator(table(1), recordingRollback(2, order), recordingRollback(3, order));
		migrator.migrate();
		RollbackResult result = migrator.rollback(1);
		assertThat(order).containsExactly(3, 2);
		assertThat(result.rolledBack()).extracting(MigrationExecution::sequence).containsExactly(3, 2);
		assertThat(result.current()).isEqualTo(1);
		assertThat(recordedSequences()).containsExactly(1);
		assertThat(tableExists("t1")).isTrue();
	}

	@Test
	void rollbackToZeroRollsBackEverything() {
		SmallsMigrator migrator = migrator(table(1), table(2));
		migrator.migrate();
		RollbackResult result = migrator.rollback(0);
		assertThat(result.rolledBack()).extracting(MigrationExecution::sequence).containsExactly(2, 1);
		assertThat(result.current()).isZero();
		assertThat(tableExists("t1")).isFalse();
		assertThat(recordedSequences()).isEmpty();
		assertThat(migrator.migrate().applied()).hasSize(2);
	}

	@Test
	void rollbackToTheCurrentSequenceDoesNothing() {
		SmallsMigrator migrator = migrator(table(1), table(2));
		migrator.migrate();
		assertThat(migrator.rollback(2).rolledBack()).isEmpty();
		assertThat(recordedSequences()).containsExactly(1, 2);
	}

	@Test
	void rollbackAboveTheCurrentSequenceIsRefused() {
		SmallsMigrator migrator = migrator(table(1), table(2), table(3));
		migrator.migrate(2);
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollback(3))
			.withMessageContaining("Cannot roll back to 0003: the current sequence is 0002");
		assertThat(recordedSequences()).containsExactly(1, 2);
	}

	@Test
	void negativeTargetsAreRefused() {
		SmallsMigrator migrator = migrator(table(1));
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollback(-1));
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.migrate(-1));
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollbackBatches(0));
		assertThat(tableExists("t1")).isFalse();
	}

	@Test
	void rollbackBatchesRollsBackTheLatestRuns() {
		migrator(table(1)).migrate();
		migrator(table(1), table(2), table(3)).migrate();
		SmallsMigrator migrator = migrator(table(1), table(2), table(3), table(4));
		migrator.migrate();
		RollbackResult result = migrator.rollbackBatches(2);
		assertThat(result.rolledBack()).extracting(MigrationExecution::sequence).containsExactly(4, 3, 2);
		assertThat(result.current()).isEqualTo(1);
		assertThat(recordedSequences()).containsExactly(1);
	}

	@Test
	void statusShowsAppliedPendingAndMissingMigrations() {
		migrator(table(1), table(2), table(3)).migrate(3);
		SmallsMigrator withoutTwo = migrator(table(1), table(3), table(4));
		MigrationStatus status = withoutTwo.status();
		assertThat(status.current()).isEqualTo(3);
		assertThat(status.migrations()).extracting(MigrationInfo::sequence, MigrationInfo::name, MigrationInfo::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "create_t1", MigrationState.APPLIED),
					org.assertj.core.groups.Tuple.tuple(2, "create_t2", MigrationState.MISSING),
					org.assertj.core.groups.Tuple.tuple(3, "create_t3", MigrationState.APPLIED),
					org.assertj.core.groups.Tuple.tuple(4, "create_t4", MigrationState.PENDING));
		assertThat(status.pendingCount()).isEqualTo(1);
	}

	@Test
	void statusOfAnUntouchedDatabaseShowsEverythingPendingAndCreatesNothing() {
		MigrationStatus status = migrator(table(1)).status();
		assertThat(status.current()).isZero();
		assertThat(status.migrations()).extracting(MigrationInfo::state).containsExactly(MigrationState.PENDING);
		assertThat(tableExists("smalls_history")).isFalse();
	}

	@Test
	void aMissingMigrationBlocksARollbackAcrossIt() {
		migrator(table(1), table(2), table(3)).migrate();
		SmallsMigrator withoutTwo = migrator(table(1), table(3));
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> withoutTwo.rollback(1))
			.withMessageContaining("0002_create_t2 is recorded as applied, but the code has no migration")
			.withMessageContaining("Nothing was rolled back");
		assertThat(recordedSequences()).containsExactly(1, 2, 3);
		assertThat(tableExists("t3")).isTrue();
		assertThat(withoutTwo.rollback(2).rolledBack()).extracting(MigrationExecution::sequence).containsExactly(3);
	}

	@Test
	void aFailingMigrationIsRolledBackNotRecordedAndStopsTheRun() {
		SmallsMigration failing = new SqlMigration(2, "insert_then_fail", (jdbc) -> {
			jdbc.update("INSERT INTO t1 (id) VALUES (42)");
			jdbc.execute("INSERT INTO no_such_table VALUES (1)");
		}, (jdbc) -> {
		});
		SmallsMigrator migrator = migrator(table(1), failing, table(3));
		assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("Migration 0002_insert_then_fail failed:")
			.withMessageContaining("Applied before it, and still applied: 0001_create_t1")
			.satisfies((ex) -> {
				assertThat(ex.getFailedSequence()).isEqualTo(2);
				assertThat(ex.getCompleted()).extracting(MigrationExecution::sequence).containsExactly(1);
				assertThat(ex.getCurrent()).isEqualTo(1);
				assertThat(ex.getMessage()).containsIgnoringCase("no_such_table");
			});
		assertThat(recordedSequences()).containsExactly(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM t1", Integer.class)).isZero();
		assertThat(tableExists("t3")).isFalse();
	}

	@Test
	void aFailingRollbackStaysAppliedAndStopsTheRun() {
		SmallsMigration stuck = new SqlMigration(2, "stuck", (jdbc) -> {
		}, (jdbc) -> {
			throw new IllegalStateException("cannot undo");
		});
		SmallsMigrator migrator = migrator(table(1), stuck, table(3));
		migrator.migrate();
		assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(() -> migrator.rollback(0))
			.withMessageContaining("Rollback of 0002_stuck failed: cannot undo")
			.withMessageContaining("Rolled back before it: 0003_create_t3")
			.satisfies((ex) -> assertThat(ex.getCurrent()).isEqualTo(2));
		assertThat(recordedSequences()).containsExactly(1, 2);
		assertThat(tableExists("t3")).isFalse();
	}

	@Test
	void aFailedDdlMigrationLeavesWhatTheDatabaseCannotUndoAndSaysSo() {
		SmallsMigration failing = new SqlMigration(1, "half_done", (jdbc) -> {
			jdbc.execute("CREATE TABLE half (id INT)");
			throw new IllegalStateException("boom");
		}, (jdbc) -> {
		});
		SmallsMigrator migrator = migrator(failing);
		SmallsMigrationException failure = org.junit.jupiter.api.Assertions.assertThrows(SmallsMigrationException.class,
				migrator::migrate);
		assertThat(recordedSequences()).isEmpty();
		if (database().hasTransactionalDdl()) {
			assertThat(tableExists("half")).isFalse();
			assertThat(failure.getOutcome()).isEqualTo(SmallsMigrationException.Outcome.ROLLED_BACK);
			assertThat(failure.getMessage()).contains("nothing of it is left");
		}
		else {
			assertThat(tableExists("half")).isTrue();
			assertThat(failure.getOutcome()).isEqualTo(SmallsMigrationException.Outcome.PARTLY_APPLIED);
			assertThat(failure.getMessage()).contains("DDL, which").contains("commits at once")
				.contains("that part stays in the database")
				.doesNotContain("nothing of it is left");
			// Part of it is in the database: it is not run again as if it were not.
			assertThat(migrator.status().migrations().get(0).state()).isEqualTo(MigrationState.INTERRUPTED);
		}
	}

	@Test
	void duplicateSequencesAreRefusedBeforeAnythingRuns() {
		SmallsMigrator migrator = migrator(table(1), sql(1, "other", "CREATE TABLE other (id INT)", "DROP TABLE other"));
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("both have sequence 0001");
		assertThat(tableExists("t1")).isFalse();
		assertThat(tableExists("other")).isFalse();
	}

	@Test
	void aSequenceBelowOneOrAnUnsafeNameIsRefusedBeforeAnythingRuns() {
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> migrator(table(0), table(1)).migrate())
			.withMessageContaining("sequences start at 1");
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> migrator(sql(1, "x'; DROP TABLE t1; --", "SELECT 1", "SELECT 1")).migrate())
			.withMessageContaining("lower case letters");
		assertThat(tableExists("t1")).isFalse();
	}

	@Test
	void aPendingMigrationBelowTheCurrentSequenceIsRefusedUnlessOutOfOrderIsAllowed() {
		migrator(table(1), table(3)).migrate();
		SmallsMigrator strict = migrator(table(1), table(2), table(3));
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(strict::migrate)
			.withMessageContaining("0002_create_t2 is pending but 0003 is already applied")
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).isEqualTo(SmallsValidationException.Problem.OUT_OF_ORDER);
				assertThat(ex.getAction()).contains("outOfOrder(true)");
			});
		assertThat(tableExists("t2")).isFalse();
		SmallsMigrator lenient = SmallsMigrator.builder(this.dataSource)
			.migrations(table(1), table(2), table(3))
			.outOfOrder(true)
			.build();
		assertThat(lenient.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(2);
	}

	@Test
	void concurrentMigratorsApplyEachMigrationExactlyOnce() throws Exception {
		int instances = 8;
		this.jdbc.execute("CREATE TABLE race_log (sequence_no INT)");
		List<SmallsMigration> migrations = new ArrayList<>();
		for (int sequence = 1; sequence <= 5; sequence++) {
			int s = sequence;
			migrations.add(new SqlMigration(s, "step" + s, (jdbc) -> {
				jdbc.update("INSERT INTO race_log (sequence_no) VALUES (?)", s);
				sleep(20);
			}, (jdbc) -> {
			}));
		}
		ExecutorService pool = Executors.newFixedThreadPool(instances);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<MigrateResult>> results = new ArrayList<>();
		for (int i = 0; i < instances; i++) {
			SmallsMigrator migrator = SmallsMigrator.builder(this.dataSource)
				.migrations(migrations)
				.lockTimeout(Duration.ofSeconds(60))
				.build();
			Callable<MigrateResult> run = () -> {
				start.await();
				return migrator.migrate();
			};
			results.add(pool.submit(run));
		}
		start.countDown();
		int applied = 0;
		for (Future<MigrateResult> result : results) {
			MigrateResult migrateResult = result.get(2, TimeUnit.MINUTES);
			applied += migrateResult.applied().size();
			assertThat(migrateResult.current()).isEqualTo(5);
		}
		pool.shutdown();
		assertThat(applied).isEqualTo(5);
		assertThat(this.jdbc.queryForList("SELECT sequence_no FROM race_log ORDER BY sequence_no", Integer.class))
			.containsExactly(1, 2, 3, 4, 5);
		assertThat(recordedSequences()).containsExactly(1, 2, 3, 4, 5);
	}

	@Test
	void aLockHeldByAnotherSessionMakesMigrateWaitThenFailWithoutChangingAnything() throws Exception {
		migrator().status();
		try (Connection holder = this.dataSource.getConnection();
				HeldLock lock = HeldLock.take(holder, this.dataSource, LockStrategy.AUTO, Duration.ofSeconds(5))) {
			assertThat(lock).isNotNull();
			SmallsMigrator impatient = SmallsMigrator.builder(this.dataSource)
				.migrations(table(1))
				.lockTimeout(Duration.ofMillis(300))
				.build();
			assertThatExceptionOfType(SmallsLockException.class).isThrownBy(impatient::migrate)
				.withMessageContaining("Another instance has held the smalls migration lock");
		}
		assertThat(tableExists("t1")).isFalse();
		assertThat(migrator(table(1)).migrate().applied()).hasSize(1);
	}

	@Test
	void aLockWhoseConnectionsDieWithoutReleasingIsFreeAgain() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeFalse(database() == TestDatabase.SQLITE,
				"SQLite's lock is a file lock held by the process, not by a connection: KilledProcessLockTests "
						+ "kills the process instead");
		org.junit.jupiter.api.Assumptions.assumeFalse(database() == TestDatabase.HSQLDB,
				"HSQLDB's lock is a lease, which outlives a dead holder until it expires: LeaseLockTests shows that");
		List<Connection> opened = new ArrayList<>();
		DataSource recording = new org.springframework.jdbc.datasource.DelegatingDataSource(this.dataSource) {
			@Override
			public Connection getConnection() throws java.sql.SQLException {
				Connection connection = super.getConnection();
				opened.add(connection);
				return connection;
			}
		};
		MigrationLock lock = Locking.take(dialect(), LockStrategy.AUTO, lockRequest(recording.getConnection(), recording));
		assertThat(lock).isNotNull();
		// What a killed process leaves behind: its sessions end and nobody releases anything.
		for (Connection connection : opened) {
			connection.unwrap(Connection.class).close();
		}
		SmallsMigrator next = SmallsMigrator.builder(this.dataSource)
			.migrations(table(1))
			.lockTimeout(Duration.ofSeconds(10))
			.build();
		assertThat(next.migrate().applied()).hasSize(1);
	}

	protected static LockRequest lockRequest(Connection session, DataSource dataSource) {
		return Locking.request(session, dataSource, Duration.ofSeconds(5), LockRequest.DEFAULT_LEASE);
	}

	protected SmallsDialect dialect() {
		try (Connection connection = this.dataSource.getConnection()) {
			return SmallsDialects.detect(connection);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SmallsMigration recordingRollback(int sequence, List<Integer> order) {
		SmallsMigration base = table(sequence);
		return new SqlMigration(sequence, base.name(), base::migrate, (jdbc) -> {
			order.add(sequence);
			base.rollback(jdbc);
		});
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
