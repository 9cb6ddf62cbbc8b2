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
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.testsupport.HeldLock;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every lock strategy each database supports: exclusive, waited for with the holder named,
 * probed, and never lost silently.
 */
class LockStrategyTests {

	static Stream<Arguments> supported() {
		return Stream.of(TestDatabase.values())
			.flatMap((database) -> strategies(database).stream().map((strategy) -> Arguments.of(database, strategy)));
	}

	private static List<LockStrategy> strategies(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase(); Connection connection = db.dataSource().getConnection()) {
			return List.copyOf(new java.util.TreeSet<>(SmallsDialects.detect(connection).locks().keySet()));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("supported")
	void concurrentMigratorsApplyEachMigrationExactlyOnce(TestDatabase database, LockStrategy strategy)
			throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE race_log (sequence_no INT)");
			List<SmallsMigration> migrations = new ArrayList<>();
			for (int sequence = 1; sequence <= 4; sequence++) {
				int s = sequence;
				migrations.add(migration(s, (template) -> template.update("INSERT INTO race_log VALUES (?)", s)));
			}
			ExecutorService pool = Executors.newFixedThreadPool(4);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<MigrateResult>> results = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				SmallsMigrator migrator = migrator(db, strategy, Duration.ofSeconds(60), migrations);
				Callable<MigrateResult> run = () -> {
					start.await();
					return migrator.migrate();
				};
				results.add(pool.submit(run));
			}
			start.countDown();
			int applied = 0;
			for (Future<MigrateResult> result : results) {
				applied += result.get(2, TimeUnit.MINUTES).applied().size();
			}
			pool.shutdown();
			assertThat(applied).isEqualTo(4);
			assertThat(jdbc.queryForList("SELECT sequence_no FROM race_log ORDER BY sequence_no", Integer.class))
				.containsExactly(1, 2, 3, 4);
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("supported")
	void aHeldLockIsWaitedForThenReportedWithItsHolderAndProbedAsHeld(TestDatabase database, LockStrategy strategy)
			throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator migrator = migrator(db, strategy, Duration.ofMillis(400), List.of(SqlMigration.table(1)));
			// A database smalls has migrated before: the probe looks only where a history exists.
			migrator(db, strategy, Duration.ofSeconds(5), List.of()).migrate();
			assertThat(migrator.lockStatus().held()).isFalse();
			try (Connection holderConnection = db.dataSource().getConnection();
					HeldLock held = HeldLock.take(holderConnection, db.dataSource(), strategy, Duration.ofSeconds(5))) {
				assertThat(held).isNotNull();
				LockStatus status = migrator.lockStatus();
				assertThat(status.held()).isTrue();
				assertThat(status.strategy()).isEqualTo(strategy);
				boolean tellsWho = !(database == TestDatabase.SQLITE && strategy == LockStrategy.AUTO);
				assertThat(status.holder() != null).isEqualTo(tellsWho);
				assertThatExceptionOfType(SmallsLockException.class).isThrownBy(migrator::migrate)
					.withMessageContaining("Another instance has held the smalls migration lock")
					.satisfies((ex) -> assertThat(ex.getMessage().contains("it is held by")).isEqualTo(tellsWho));
			}
			assertThat(migrator.lockStatus().held()).isFalse();
			assertThat(migrator.migrate().applied()).hasSize(1);
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("supported")
	void aLockLostWhileTheRunLivesStopsItBeforeTheNextMigrationCommits(TestDatabase database, LockStrategy strategy)
			throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE item (id INT PRIMARY KEY)");
			Consumer<JdbcTemplate> lose = LostLocks.of(database, strategy);
			org.junit.jupiter.api.Assumptions.assumeTrue(lose != null, "nothing inside a migration can take this lock "
					+ "from its live holder (" + database + " " + strategy + "): see LostLocks");
			java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
			Consumer<JdbcTemplate> loseTheLock = (template) -> {
				if (once.compareAndSet(false, true)) {
					lose.accept(template);
				}
			};
			SmallsMigrator migrator = migrator(db, strategy, Duration.ofSeconds(10),
					List.of(migration(1, (template) -> template.update("INSERT INTO item VALUES (1)")),
							migration(2, (template) -> {
								template.update("INSERT INTO item VALUES (2)");
								loseTheLock.accept(template);
							}), migration(3, (template) -> template.update("INSERT INTO item VALUES (3)"))));
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("no longer held the migration lock")
				.satisfies((ex) -> {
					assertThat(ex.getFailedSequence()).isEqualTo(2);
					assertThat(ex.getCompleted()).extracting(MigrationExecution::sequence).containsExactly(1);
				});
			// The killed lock session went back to the pool: replace it rather than wait for Hikari
			// to find it dead.
			db.dataSource().getHikariPoolMXBean().softEvictConnections();
			assertThat(jdbc.queryForList("SELECT sequence_no FROM smalls_history", Integer.class)).containsExactly(1);
			assertThat(jdbc.queryForList("SELECT id FROM item", Integer.class)).containsExactly(1);
			assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(2, 3);
		}
	}

	@ParameterizedTest(name = "{0}")
	@org.junit.jupiter.params.provider.EnumSource(TestDatabase.class)
	void aStrategyTheDatabaseCannotHoldIsRefusedNamingTheOnesItCan(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			List<LockStrategy> supported = strategies(database);
			for (LockStrategy strategy : LockStrategy.values()) {
				if (!supported.contains(strategy)) {
					SmallsMigrator migrator = migrator(db, strategy, Duration.ofSeconds(1), List.of(SqlMigration.table(1)));
					assertThatExceptionOfType(SmallsLockException.class).isThrownBy(migrator::migrate)
						.withMessageContaining("cannot take a " + strategy.name().toLowerCase(java.util.Locale.ROOT) + " lock on")
						.satisfies((ex) -> assertThat(ex.getAction()).contains("auto"));
				}
			}
			assertThat(supported).contains(LockStrategy.AUTO, LockStrategy.LEASE);
		}
	}

	private static SmallsMigrator migrator(FreshDatabase db, LockStrategy strategy, Duration timeout,
			List<SmallsMigration> migrations) {
		return SmallsMigrator.builder(db.dataSource())
			.migrations(migrations)
			.lockStrategy(strategy)
			.lockTimeout(timeout)
			.build();
	}

	private static SmallsDialect dialect(FreshDatabase db) throws Exception {
		try (Connection connection = db.dataSource().getConnection()) {
			return SmallsDialects.detect(connection);
		}
	}

	static SmallsMigration migration(int sequence, Consumer<JdbcTemplate> migrate) {
		return new SqlMigration(sequence, "m" + sequence, migrate, (jdbc) -> {
		});
	}

	/**
	 * What takes the lock from a live holder, as poolers, killed sessions and expired leases
	 * do in production; {@code null} where nothing a migration can do takes it (a file lock, a
	 * PostgreSQL session lock).
	 */
	static final class LostLocks {

		static Consumer<JdbcTemplate> of(TestDatabase database, LockStrategy strategy) {
			if (strategy == LockStrategy.LEASE || database == TestDatabase.HSQLDB) {
				// The lease ran out and another instance took it.
				return (jdbc) -> jdbc.update("UPDATE smalls_history_lock SET owner = 'another instance' WHERE id = 1");
			}
			return switch (database) {
				// The transaction lock is held by the very transaction that commits the migration, and
				// dies only with it. (A session lock is lost only by moving to another session, as a
				// pooler does: PgBouncerLockTests shows that.)
				case POSTGRESQL -> null;
				case MARIADB -> (strategy == LockStrategy.TRANSACTION) ? LostLocks::killTheOtherOpenTransaction
						: (jdbc) -> jdbc.queryForList("SELECT RELEASE_ALL_LOCKS()");
				// The lock's own session was killed (idle-transaction timeout, network).
				case H2 -> (jdbc) -> jdbc.queryForList("SELECT ABORT_SESSION(SESSION_ID) FROM INFORMATION_SCHEMA.SESSIONS "
						+ "WHERE SESSION_ID <> SESSION_ID() AND CONTAINS_UNCOMMITTED");
				default -> null;
			};
		}

		private static void killTheOtherOpenTransaction(JdbcTemplate jdbc) {
			// Thread 0 is InnoDB's own (a background statistics update, say): no session to kill.
			for (Long id : jdbc.queryForList("SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX "
					+ "WHERE trx_mysql_thread_id <> CONNECTION_ID() AND trx_mysql_thread_id <> 0", Long.class)) {
				jdbc.execute("KILL " + id);
			}
		}

	}

}
