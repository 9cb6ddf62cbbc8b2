package dev.smalls.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrateResult;
import dev.smalls.MigrationExecution;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.testsupport.MigrationInProcess;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * PostgreSQL's locks when their holder dies: killed with SIGKILL in the middle of a long
 * statement, or its session terminated while it migrates. The next instance gets the lock
 * within seconds, not when the statement would have ended, and nothing the dead holder did
 * after it lost the lock is committed.
 */
class TransactionLockTests {

	private static final int MIGRATIONS = 6;

	private static final int KILLED_DURING = 3;

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = LockStrategy.class, names = { "AUTO", "SESSION" })
	void anInstanceKilledInALongStatementFreesTheLockWithinSecondsNotWhenTheStatementEnds(LockStrategy strategy)
			throws Exception {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase();
				MigrationInProcess killed = MigrationInProcess.start(db, strategy, "SELECT pg_sleep(600)")) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			killed.awaitLine("RUNNING 1");
			awaitTrue(() -> sleeping(jdbc) == 1 && lockHolders(jdbc) == 1, "the instance to be in its long statement");

			killed.kill();
			long killedAt = System.nanoTime();
			SmallsMigrator next = SmallsMigrator.builder(db.dataSource())
				.migrations(SqlMigration.table(1))
				.lockStrategy(strategy)
				.lockTimeout(Duration.ofSeconds(20))
				.build();
			assertThat(next.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(1);
			System.out.println("[" + strategy + "] the next instance migrated "
					+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt) + " ms after the kill");
			// The orphaned backend ended its statement, rather than sleeping on for ten minutes.
			assertThat(sleeping(jdbc)).isZero();
		}
	}

	@Test
	void anInstanceWaitingForALiveHolderNamesItsBackendWhatItRunsAndHowToEndIt() throws Exception {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase();
				MigrationInProcess holder = MigrationInProcess.start(db, LockStrategy.AUTO, "SELECT pg_sleep(600)")) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			holder.awaitLine("RUNNING 1");
			awaitTrue(() -> sleeping(jdbc) == 1, "the instance to be in its long statement");
			int pid = jdbc.queryForObject("SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' "
					+ "AND datname = current_database()", Integer.class);
			SmallsMigrator impatient = SmallsMigrator.builder(db.dataSource())
				.migrations(SqlMigration.table(1))
				.lockTimeout(Duration.ofMillis(500))
				.build();
			assertThatExceptionOfType(SmallsLockException.class).isThrownBy(impatient::migrate)
				.withMessageContaining("it is held by backend pid " + pid)
				.withMessageContaining("application 'killed-instance'")
				.withMessageContaining("running for")
				.withMessageContaining("SELECT pg_sleep(600)")
				.withMessageContaining("Nothing was run")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("If the instance that took it is gone (killed)")
					.contains("client_connection_check_interval")
					.contains("SELECT pg_terminate_backend(" + pid + ");"));
			assertThat(impatient.lockStatus().holder()).contains("backend pid " + pid);
		}
	}

	@Test
	void aRunWhoseSessionIsTerminatedCommitsNothingMoreAndTheWaitingInstanceTakesOver() throws Throwable {
		for (int round = 1; round <= 4; round++) {
			terminateTheHolderInTheMiddle(round);
		}
	}

	private void terminateTheHolderInTheMiddle(int round) throws Throwable {
		ExecutorService instances = Executors.newFixedThreadPool(2);
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase();
				HikariDataSource first = pool(db, "instance-a");
				HikariDataSource second = pool(db, "instance-b")) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE migration_log (sequence_no INT NOT NULL, instance VARCHAR(20) NOT NULL)");
			CountDownLatch inTheMiddle = new CountDownLatch(1);
			CountDownLatch terminated = new CountDownLatch(1);
			SmallsMigrator a = migrator(first, logged("instance-a", (template, sequence) -> {
				if (sequence == KILLED_DURING) {
					// What broke the lock check that read PostgreSQL's statistics: they are read once
					// per transaction, and this transaction has read them.
					template.queryForObject("SELECT COUNT(*) FROM pg_stat_activity", Integer.class);
					inTheMiddle.countDown();
					await(terminated);
				}
			}));
			SmallsMigrator b = migrator(second, logged("instance-b", (template, sequence) -> {
			}));
			CompletableFuture<MigrateResult> runA = CompletableFuture.supplyAsync(a::migrate, instances);
			await(inTheMiddle);
			CompletableFuture<MigrateResult> runB = CompletableFuture.supplyAsync(b::migrate, instances);
			// A try of the lock that finds it held is rolled back.
			awaitTrue(() -> jdbc.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = "
					+ "'instance-b' AND query = 'ROLLBACK'", Integer.class) > 0, "the second instance to try the lock");
			// An operator (or an idle-transaction timeout) ends the session that holds the lock.
			assertThat(jdbc.queryForList("SELECT pg_terminate_backend(l.pid, 10000) FROM pg_locks l JOIN "
					+ "pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
					+ "AND a.application_name = 'instance-a'")).hasSize(1);
			terminated.countDown();

			SmallsMigrationException stopped = catchThrowableOfType(SmallsMigrationException.class, () -> join(runA));
			String context = "round " + round;
			assertThat(stopped).as(context).isNotNull();
			assertThat(stopped.getFailedSequence()).as(context).isEqualTo(KILLED_DURING);
			assertThat(stopped.getOutcome()).as(context).isEqualTo(Outcome.ROLLED_BACK);
			assertThat(stopped.getCompleted()).as(context).extracting(MigrationExecution::sequence).containsExactly(1, 2);
			assertThat(join(runB).applied()).as(context).extracting(MigrationExecution::sequence)
				.containsExactly(3, 4, 5, 6);
			List<Map<String, Object>> log = jdbc.queryForList("SELECT sequence_no, instance FROM migration_log "
					+ "ORDER BY sequence_no");
			assertThat(log).as(context).extracting((row) -> row.get("instance"))
				.containsExactly("instance-a", "instance-a", "instance-b", "instance-b", "instance-b", "instance-b");
			assertThat(jdbc.queryForList("SELECT sequence_no FROM smalls_history ORDER BY sequence_no", Integer.class))
				.as(context).containsExactly(1, 2, 3, 4, 5, 6);
		}
		finally {
			instances.shutdownNow();
		}
	}

	/** Backends of this database in a {@code pg_sleep}. */
	private static int sleeping(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' "
				+ "AND state = 'active' AND datname = current_database()", Integer.class);
	}

	/** Backends of this database holding smalls' lock. */
	private static int lockHolders(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = "
				+ 0x736D6C73L + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
				Integer.class);
	}

	private static SmallsMigrator migrator(HikariDataSource dataSource, List<SmallsMigration> migrations) {
		return SmallsMigrator.builder(dataSource).migrations(migrations).lockTimeout(Duration.ofSeconds(60)).build();
	}

	/** Migrations that log which instance ran them, in their own transaction. */
	private static List<SmallsMigration> logged(String instance,
			java.util.function.ObjIntConsumer<JdbcTemplate> during) {
		List<SmallsMigration> migrations = new ArrayList<>();
		for (int sequence = 1; sequence <= MIGRATIONS; sequence++) {
			int s = sequence;
			migrations.add(new SqlMigration(sequence, "step_" + sequence, (jdbc) -> {
				during.accept(jdbc, s);
				jdbc.update("INSERT INTO migration_log VALUES (?, ?)", s, instance);
			}, (jdbc) -> jdbc.update("DELETE FROM migration_log WHERE sequence_no = ?", s)));
		}
		return migrations;
	}

	private static HikariDataSource pool(FreshDatabase db, String instance) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(db.url());
		pool.setUsername(db.username());
		pool.setPassword(db.password());
		pool.setMaximumPoolSize(4);
		pool.setPoolName(instance);
		pool.addDataSourceProperty("ApplicationName", instance);
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

}
