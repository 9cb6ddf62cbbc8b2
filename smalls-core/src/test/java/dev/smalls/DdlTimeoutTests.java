package dev.smalls;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * DDL timeouts ({@code ddlLockTimeout}, {@code ddlStatementTimeout}, {@code ddlLockRetries}):
 * a migration whose {@code ALTER TABLE} waits for a table another session holds gives up
 * within the lock timeout, so that the application's queries, which queue behind it, never
 * wait longer; it is rolled back (or undone), tried again, and finally names the session
 * that held the lock. The limits are the migration steps' own: the application's pooled
 * connections keep theirs.
 */
class DdlTimeoutTests {

	private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);

	/** Each attempt gives up within the lock timeout, plus 10 %. */
	private static final long ATTEMPT_LIMIT_MS = LOCK_TIMEOUT.toMillis() * 110 / 100;

	private static final Pattern GAVE_UP = Pattern.compile("gave up waiting for a lock after (\\d+) ms \\(attempt (\\d+)");

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "MARIADB" })
	void anAlterTableBlockedByAnOpenTransactionGivesUpWithinTheTimeoutRetriesAndNamesTheBlocker(TestDatabase database)
			throws Exception {
		try (FreshDatabase db = database.createFreshDatabase(); LogCapture log = new LogCapture()) {
			createItems(db);
			try (Blocker blocker = Blocker.hold(db, database); Readers readers = Readers.start(db, 4)) {
				SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
					.migrations(new M0001AddNote())
					.ddlLockTimeout(LOCK_TIMEOUT)
					.ddlLockRetries(3)
					.ddlRetryBackoff(Duration.ofMillis(400))
					.build();
				long started = System.nanoTime();
				SmallsMigrationException failure = null;
				try {
					migrator.migrate();
				}
				catch (SmallsMigrationException ex) {
					failure = ex;
				}
				long tookMs = (System.nanoTime() - started) / 1_000_000;
				Readers.Stats reads = readers.stop();
				assertThat(failure).as("the migration must fail while the table is held").isNotNull();
				System.out.println("[" + database + "] failure after " + tookMs + " ms: " + failure.getMessage()
						+ "\n  action: " + failure.getAction());
				List<Long> attempts = attempts(failure.getMessage());
				System.out.println("[" + database + "] attempts gave up after " + attempts + " ms (limit "
						+ ATTEMPT_LIMIT_MS + " ms); " + log.retries().size() + " retries logged; concurrent SELECTs: "
						+ reads);
				assertThat(attempts).hasSize(4).allSatisfy((ms) -> assertThat(ms).isBetween(LOCK_TIMEOUT.toMillis() - 50,
						ATTEMPT_LIMIT_MS));
				assertThat(log.retries()).hasSize(3);
				assertThat(log.retries().get(0)).contains("(attempt 1 of 4, lock timeout 2000 ms)")
					.contains("session " + blocker.id);
				assertThat(failure.getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
				assertThat(failure.getMessage()).contains("session " + blocker.id)
					.contains(blocker.query)
					.contains("transaction open for");
				assertThat(failure.getAction()).contains(blocker.end);
				// Nothing of it is left, and nothing is marked for repair: migrate can simply run again.
				assertThat(columns(db)).doesNotContain("note");
				assertThat(new JdbcTemplate(db.dataSource()).queryForObject("SELECT COUNT(*) FROM smalls_history_interrupted",
						Integer.class)).isZero();
				assertThat(reads.count()).isGreaterThan(50);
				assertThat(reads.p99Ms()).isLessThanOrEqualTo(ATTEMPT_LIMIT_MS + 200);
				assertThat(reads.maxMs()).isLessThanOrEqualTo(ATTEMPT_LIMIT_MS + 500);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "MARIADB" })
	void aMigrationWhoseBlockerLetsGoDuringTheRetriesIsApplied(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase(); LogCapture log = new LogCapture()) {
			createItems(db);
			try (Blocker blocker = Blocker.hold(db, database)) {
				SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
					.migrations(new M0001AddNote())
					.ddlLockTimeout(LOCK_TIMEOUT)
					.ddlLockRetries(3)
					.ddlRetryBackoff(Duration.ofMillis(400))
					.build();
				Thread release = new Thread(() -> {
					sleep(LOCK_TIMEOUT.toMillis() + 500);
					blocker.release();
				});
				release.start();
				long started = System.nanoTime();
				MigrateResult result = migrator.migrate();
				long tookMs = (System.nanoTime() - started) / 1_000_000;
				release.join();
				System.out.println("[" + database + "] applied after " + tookMs + " ms and " + log.retries().size()
						+ " retries");
				assertThat(result.applied()).hasSize(1);
				assertThat(log.retries()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
				assertThat(columns(db)).contains("note");
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "MARIADB" })
	void theStepsGetTheTimeoutsAndThePooledConnectionGetsItsOwnBack(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			boolean postgres = database == TestDatabase.POSTGRESQL;
			// The sharpest case: a pool of one connection, whose own values smalls must put back.
			HikariConfig config = new HikariConfig();
			config.setJdbcUrl(db.url());
			config.setUsername(db.username());
			config.setPassword(db.password());
			config.setMaximumPoolSize(1);
			config.setConnectionInitSql(postgres ? "SET lock_timeout = '7s'; SET statement_timeout = '9s'"
					: "SET SESSION lock_wait_timeout = 77, innodb_lock_wait_timeout = 66, max_statement_time = 55");
			String read = postgres ? "SELECT current_setting('lock_timeout') || ' ' || current_setting('statement_timeout')"
					: "SELECT CONCAT(@@lock_wait_timeout, ' ', @@innodb_lock_wait_timeout, ' ', @@max_statement_time)";
			try (HikariDataSource pool = new HikariDataSource(config)) {
				JdbcTemplate app = new JdbcTemplate(pool);
				String before = app.queryForObject(read, String.class);
				List<String> seen = new CopyOnWriteArrayList<>();
				SmallsMigrator migrator = SmallsMigrator.builder(pool)
					// One connection: the run's session holds the lock, no second connection is needed.
					.lockStrategy(LockStrategy.SESSION)
					.migrations(
							new SqlMigration(1, "in_transaction", (jdbc) -> seen.add(jdbc.queryForObject(read, String.class)),
									(jdbc) -> {
									}),
							new SqlMigration(2, "outside_transactions",
									(jdbc) -> seen.add(jdbc.queryForObject(read, String.class)), (jdbc) -> {
									})
								.outsideTransactions(),
							new SqlMigration(3, "fails", (jdbc) -> {
								seen.add(jdbc.queryForObject(read, String.class));
								throw new IllegalStateException("failing on purpose");
							}, (jdbc) -> {
							}))
					.ddlLockTimeout(LOCK_TIMEOUT)
					.ddlStatementTimeout(Duration.ofSeconds(3))
					.ddlLockRetries(2)
					.build();
				assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
					.withMessageContaining("failing on purpose");
				String after = app.queryForObject(read, String.class);
				System.out.println("[" + database + "] pooled connection before: " + before + ", in the steps: " + seen
						+ ", after: " + after);
				assertThat(before).isEqualTo(postgres ? "7s 9s" : "77 66 55.000000");
				assertThat(seen).hasSize(3)
					.allSatisfy((values) -> assertThat(values).isEqualTo(postgres ? "2s 3s" : "2 2 3.000000"));
				assertThat(after).isEqualTo(before);
				assertThat(migrator.status().current()).isEqualTo(2);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "MARIADB" })
	void aMigrationPartlyCommittedWhenItGaveUpIsNotRetriedButMarkedForRepair(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase(); LogCapture log = new LogCapture()) {
			createItems(db);
			// Its statements commit one by one (PostgreSQL), or its DDL commits its transaction (MariaDB).
			SqlMigration migration = SqlMigration.sql(1, "add_note", "ALTER TABLE item ADD COLUMN note VARCHAR(100)",
					"ALTER TABLE item DROP COLUMN note");
			try (Blocker blocker = Blocker.hold(db, database)) {
				SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
					.migrations((database == TestDatabase.POSTGRESQL) ? migration.outsideTransactions() : migration)
					.ddlLockTimeout(LOCK_TIMEOUT)
					.ddlLockRetries(3)
					.build();
				assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
					.satisfies((ex) -> System.out.println("[" + database + "] " + ex.getMessage() + "\n  action: "
							+ ex.getAction()))
					.withMessageContaining("It gave up waiting for a lock after")
					.withMessageContaining("It was not retried: part of it may be in effect.")
					.withMessageContaining("session " + blocker.id)
					.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.PARTLY_APPLIED))
					.satisfies((ex) -> assertThat(ex.getAction()).contains("repair").contains(blocker.end));
				assertThat(log.retries()).isEmpty();
			}
		}
	}

	/**
	 * On PostgreSQL, by the transaction's {@code statement_timeout}.
	 */
	@Test
	void aStatementPastTheDdlStatementTimeoutIsStoppedAndSaidSo() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(new SqlMigration(1, "slow", (jdbc) -> jdbc.queryForList("SELECT pg_sleep(5)"), (jdbc) -> {
				}))
				.ddlStatementTimeout(Duration.ofSeconds(1))
				.migrationTimeout(Duration.ofSeconds(30))
				.build();
			long started = System.nanoTime();
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("a statement of it ran longer than the DDL statement timeout of 1000 ms")
				.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.ROLLED_BACK));
			long tookMs = (System.nanoTime() - started) / 1_000_000;
			System.out.println("[PostgreSQL] statement stopped after " + tookMs + " ms");
			assertThat(tookMs).isLessThan(4000);
		}
	}

	/**
	 * On MariaDB, by the session's {@code max_statement_time}: with a migration timeout set too,
	 * Spring gives each statement a query timeout from the time left, which MariaDB's driver
	 * sends as the statement's own {@code max_statement_time}; smalls caps it.
	 */
	@Test
	void onMariaDbAStatementPastTheDdlStatementTimeoutIsStoppedAndSaidSo() {
		try (FreshDatabase db = TestDatabase.MARIADB.createFreshDatabase()) {
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(new SqlMigration(1, "slow",
						(jdbc) -> jdbc.execute("CREATE TABLE big AS SELECT seq FROM seq_1_to_50000000"), (jdbc) -> {
						}))
				.ddlStatementTimeout(Duration.ofSeconds(1))
				.migrationTimeout(Duration.ofSeconds(30))
				.build();
			long started = System.nanoTime();
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("a statement of it ran longer than the DDL statement timeout of 1000 ms");
			long tookMs = (System.nanoTime() - started) / 1_000_000;
			System.out.println("[MariaDB] statement stopped after " + tookMs + " ms");
			assertThat(tookMs).isLessThan(4000);
		}
	}

	@Test
	void argumentsOutOfRangeAreRefusedWithTheirName() {
		SmallsMigrator.Builder builder = SmallsMigrator.builder(new org.springframework.jdbc.datasource.SimpleDriverDataSource());
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ddlLockTimeout(Duration.ZERO))
			.withMessageContaining("'ddlLockTimeout' must be at least 1 ms");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ddlStatementTimeout(Duration.ofMillis(10)))
			.withMessageContaining("'ddlStatementTimeout' must be at least 1 second");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ddlLockRetries(-1))
			.withMessageContaining("'ddlLockRetries' must be between 0 and 100");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.ddlRetryBackoff(Duration.ofSeconds(-1)))
			.withMessageContaining("'ddlRetryBackoff' must be between 0 and 10 minutes");
	}

	private static void createItems(FreshDatabase db) {
		JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
		jdbc.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(50))");
		for (int i = 1; i <= 20; i++) {
			jdbc.update("INSERT INTO item (id, name) VALUES (?, ?)", i, "item " + i);
		}
	}

	private static List<String> columns(FreshDatabase db) throws SQLException {
		List<String> columns = new ArrayList<>();
		try (Connection connection = db.dataSource().getConnection();
				ResultSet result = connection.getMetaData().getColumns(connection.getCatalog(), null, "item", null)) {
			while (result.next()) {
				columns.add(result.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
			}
		}
		return columns;
	}

	/** How long each attempt waited, from the failure's message. */
	private static List<Long> attempts(String message) {
		Matcher matcher = Pattern.compile("gave up waiting for a lock \\d+ times, after ([\\d, ]+) ms").matcher(message);
		assertThat(matcher.find()).as(message).isTrue();
		return java.util.Arrays.stream(matcher.group(1).split(",\\s*")).map(Long::valueOf).toList();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Adds a column to the table another session holds. */
	static final class M0001AddNote implements SchemaMigration {

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public void change(Schema schema) {
			schema.addColumn("item", "note", ColumnType.varchar(100));
		}

	}

	/**
	 * Another session that read the table in a transaction and keeps it open for 30 s, running
	 * a sleep: the conflicting lock.
	 */
	static final class Blocker implements AutoCloseable {

		private final FreshDatabase db;

		private final TestDatabase database;

		private final Connection connection;

		private final Thread thread;

		final String id;

		final String query;

		final String end;

		private Blocker(FreshDatabase db, TestDatabase database, Connection connection, String id, String query) {
			this.db = db;
			this.database = database;
			this.connection = connection;
			this.id = id;
			this.query = query;
			this.end = (database == TestDatabase.POSTGRESQL) ? "pg_terminate_backend(" + id + ")" : "KILL " + id;
			this.thread = new Thread(() -> {
				try (Statement statement = connection.createStatement()) {
					statement.execute(query);
				}
				catch (SQLException ex) {
					// Ended by release().
				}
			}, "blocker");
		}

		static Blocker hold(FreshDatabase db, TestDatabase database) throws SQLException {
			Connection connection = db.openConnection();
			connection.setAutoCommit(false);
			String id;
			try (Statement statement = connection.createStatement()) {
				try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM item")) {
					result.next();
				}
				try (ResultSet result = statement.executeQuery(
						(database == TestDatabase.POSTGRESQL) ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
					result.next();
					id = result.getString(1);
				}
			}
			Blocker blocker = new Blocker(db, database, connection, id,
					(database == TestDatabase.POSTGRESQL) ? "SELECT pg_sleep(30)" : "SELECT SLEEP(30)");
			blocker.thread.start();
			sleep(300);
			return blocker;
		}

		/** End the session, and with it its transaction and locks. */
		void release() {
			try (Connection admin = this.db.openConnection(); Statement statement = admin.createStatement()) {
				statement.execute((this.database == TestDatabase.POSTGRESQL) ? "SELECT pg_terminate_backend(" + this.id + ")"
						: "KILL " + this.id);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void close() throws Exception {
			if (this.thread.isAlive()) {
				release();
			}
			this.thread.join(10_000);
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// Already ended.
			}
		}

	}

	/** Threads that read the table without pause, timing each read. */
	static final class Readers implements AutoCloseable {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

		private final List<Thread> threads = new ArrayList<>();

		static Readers start(FreshDatabase db, int count) {
			Readers readers = new Readers();
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			for (int i = 0; i < count; i++) {
				Thread thread = new Thread(() -> {
					while (readers.running.get()) {
						long started = System.nanoTime();
						jdbc.queryForObject("SELECT COUNT(*) FROM item", Integer.class);
						readers.nanos.add(System.nanoTime() - started);
						sleep(5);
					}
				}, "reader-" + i);
				thread.start();
				readers.threads.add(thread);
			}
			return readers;
		}

		Stats stop() throws InterruptedException {
			this.running.set(false);
			for (Thread thread : this.threads) {
				thread.join(10_000);
			}
			List<Long> sorted = new ArrayList<>(this.nanos);
			Collections.sort(sorted);
			long p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
			long max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
			return new Stats(sorted.size(), p99 / 1_000_000, max / 1_000_000);
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

		record Stats(int count, long p99Ms, long maxMs) {

			@Override
			public String toString() {
				return this.count + " reads, p99 " + this.p99Ms + " ms, max " + this.maxMs + " ms";
			}

		}

	}

	/** The warnings smalls logs before each retry. */
	static final class LogCapture implements AutoCloseable {

		private final Logger logger = (Logger) LoggerFactory.getLogger("dev.smalls.SmallsMigrator");

		private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

		LogCapture() {
			this.appender.start();
			this.logger.addAppender(this.appender);
		}

		List<String> retries() {
			return this.appender.list.stream()
				.filter((event) -> event.getLevel() == Level.WARN)
				.map(ILoggingEvent::getFormattedMessage)
				.filter((message) -> GAVE_UP.matcher(message).find())
				.toList();
		}

		@Override
		public void close() {
			this.logger.detachAppender(this.appender);
		}

	}

}
