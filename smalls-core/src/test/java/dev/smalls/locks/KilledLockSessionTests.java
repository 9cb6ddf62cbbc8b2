package dev.smalls.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.ObjIntConsumer;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrateResult;
import dev.smalls.MigrationExecution;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The session that holds a transaction lock dies while its run goes on (killed by an
 * operator, an idle-transaction timeout, a network drop): the instance waiting for the lock
 * takes it, and the run that lost it stops before its next migration commits. Never both
 * migrate.
 */
class KilledLockSessionTests {

	private static final int MIGRATIONS = 6;

	/** The migration the first instance is in when its lock session is killed. */
	private static final int KILLED_DURING = 3;

	static Stream<Arguments> lockSessions() {
		// PostgreSQL's transaction lock is taken by the migration's own transaction: its session
		// is the run's, and TransactionLockTests shows what killing it does.
		return Stream.of(Arguments.of(TestDatabase.H2, LockStrategy.AUTO),
				Arguments.of(TestDatabase.H2, LockStrategy.TRANSACTION),
				Arguments.of(TestDatabase.MARIADB, LockStrategy.TRANSACTION));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("lockSessions")
	void theWaitingInstanceTakesOverAndTheRunThatLostTheLockStopsBeforeItsNextCommit(TestDatabase database,
			LockStrategy strategy) throws Throwable {
		LockSession session = LockSession.of(database);
		try (FreshDatabase db = database.createFreshDatabase();
				HikariDataSource first = pool(db, "instance-a");
				HikariDataSource second = pool(db, "instance-b")) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE migration_log (sequence_no INT NOT NULL, instance VARCHAR(20) NOT NULL, "
					+ "started_ms BIGINT NOT NULL, ended_ms BIGINT NOT NULL)");
			CountDownLatch inTheMiddle = new CountDownLatch(1);
			CountDownLatch killed = new CountDownLatch(1);
			AtomicLong migratingConnection = new AtomicLong();
			SmallsMigrator a = migrator(first, strategy, logged("instance-a", (template, sequence) -> {
				if (sequence == KILLED_DURING) {
					if (database == TestDatabase.MARIADB) {
						migratingConnection.set(template.queryForObject("SELECT CONNECTION_ID()", Long.class));
					}
					inTheMiddle.countDown();
					await(killed);
				}
			}));
			SmallsMigrator b = migrator(second, strategy, logged("instance-b", (template, sequence) -> {
			}));

			CompletableFuture<MigrateResult> runA = CompletableFuture.supplyAsync(a::migrate);
			await(inTheMiddle);
			CompletableFuture<MigrateResult> runB = CompletableFuture.supplyAsync(b::migrate);
			awaitTrue(() -> session.isWaiting(jdbc, second), "the second instance to wait for the lock");
			session.killHolder(jdbc, migratingConnection.get());
			killed.countDown();

			SmallsMigrationException stopped = catchThrowableOfType(SmallsMigrationException.class,
					() -> join(runA));
			assertThat(stopped).isNotNull();
			assertThat(stopped.getMessage()).contains("no longer held the migration lock");
			assertThat(stopped.getFailedSequence()).isEqualTo(KILLED_DURING);
			assertThat(stopped.getCompleted()).extracting(MigrationExecution::sequence).containsExactly(1, 2);
			assertThat(join(runB).applied()).extracting(MigrationExecution::sequence).containsExactly(3, 4, 5, 6);

			List<Map<String, Object>> log = jdbc.queryForList(
					"SELECT sequence_no, instance, started_ms, ended_ms FROM migration_log ORDER BY sequence_no");
			assertThat(log).extracting((row) -> ((Number) row.get("sequence_no")).intValue())
				.containsExactly(1, 2, 3, 4, 5, 6);
			assertThat(log).extracting((row) -> row.get("instance"))
				.containsExactly("instance-a", "instance-a", "instance-b", "instance-b", "instance-b", "instance-b");
			long aEnded = log.stream().filter((row) -> row.get("instance").equals("instance-a"))
				.mapToLong((row) -> ((Number) row.get("ended_ms")).longValue()).max().getAsLong();
			long bStarted = log.stream().filter((row) -> row.get("instance").equals("instance-b"))
				.mapToLong((row) -> ((Number) row.get("started_ms")).longValue()).min().getAsLong();
			assertThat(aEnded).as("the first instance's last committed migration ended before the second's first")
				.isLessThanOrEqualTo(bStarted);
			assertThat(jdbc.queryForList("SELECT sequence_no FROM smalls_history ORDER BY sequence_no", Integer.class))
				.containsExactly(1, 2, 3, 4, 5, 6);
		}
	}

	private static SmallsMigrator migrator(HikariDataSource dataSource, LockStrategy strategy,
			List<SmallsMigration> migrations) {
		return SmallsMigrator.builder(dataSource)
			.migrations(migrations)
			.lockStrategy(strategy)
			.lockTimeout(Duration.ofSeconds(60))
			.build();
	}

	/** Migrations that log which instance ran them, and when, in their own transaction. */
	private static List<SmallsMigration> logged(String instance, ObjIntConsumer<JdbcTemplate> during) {
		List<SmallsMigration> migrations = new ArrayList<>();
		for (int sequence = 1; sequence <= MIGRATIONS; sequence++) {
			int s = sequence;
			migrations.add(new SqlMigration(sequence, "step_" + sequence, (jdbc) -> {
				long started = System.currentTimeMillis();
				during.accept(jdbc, s);
				jdbc.update("INSERT INTO migration_log VALUES (?, ?, ?, ?)", s, instance, started,
						System.currentTimeMillis());
			}, (jdbc) -> jdbc.update("DELETE FROM migration_log WHERE sequence_no = ?", s)));
		}
		return migrations;
	}

	/** A pool of its own per instance; on PostgreSQL its sessions carry the instance's name. */
	private static HikariDataSource pool(FreshDatabase db, String instance) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(db.url());
		pool.setUsername(db.username());
		pool.setPassword(db.password());
		pool.setMaximumPoolSize(4);
		pool.setPoolName(instance);
		if (db.url().startsWith("jdbc:postgresql:")) {
			pool.addDataSourceProperty("ApplicationName", instance);
		}
		return pool;
	}

	private static <T> T join(CompletableFuture<T> run) throws Throwable {
		try {
			return run.get(2, TimeUnit.MINUTES);
		}
		catch (ExecutionException ex) {
			throw ex.getCause();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(2, TimeUnit.MINUTES)) {
				throw new IllegalStateException("Waited two minutes in vain");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Waited a minute in vain for " + what);
			}
			Thread.sleep(20);
		}
	}

	/**
	 * How each database shows that a session waits for the lock, and how to kill the session
	 * that holds it.
	 */
	private enum LockSession {

		/** Row lock: the waiting session names its blocker. */
		H2("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL",
				"SELECT ABORT_SESSION(BLOCKER_ID) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"),

		/**
		 * Row lock: the waiting session is in its update of the lock row; the holder is the
		 * only transaction of this database that has changed a row, besides the migration's own
		 * (which has written its mark).
		 */
		MARIADB("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() "
				+ "AND INFO LIKE '%UPDATE smalls_history_lock %'",
				"SELECT t.trx_mysql_thread_id FROM information_schema.INNODB_TRX t "
						+ "JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id "
						+ "WHERE p.DB = DATABASE() AND t.trx_rows_modified > 0 AND t.trx_mysql_thread_id <> ?");

		private final String waiting;

		private final String kill;

		LockSession(String waiting, String kill) {
			this.waiting = waiting;
			this.kill = kill;
		}

		static LockSession of(TestDatabase database) {
			return valueOf(database.name());
		}

		boolean isWaiting(JdbcTemplate jdbc, HikariDataSource waiting) {
			return jdbc.queryForObject(this.waiting, Integer.class) > 0;
		}

		void killHolder(JdbcTemplate jdbc, long migrating) {
			if (this == MARIADB) {
				List<Long> holders = jdbc.queryForList(this.kill, Long.class, migrating);
				assertThat(holders).hasSize(1);
				jdbc.execute("KILL " + holders.get(0));
				// KILL only flags the connection: until it is gone it holds the lock.
				try {
					awaitTrue(() -> jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?",
							Integer.class, holders.get(0)) == 0, "the killed connection to end");
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return;
			}
			assertThat(jdbc.queryForList(this.kill)).hasSize(1);
		}

	}

}
