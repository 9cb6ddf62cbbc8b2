package dev.smalls;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smalls.testsupport.Backfill;
import dev.smalls.testsupport.DataMigrationProcess;
import dev.smalls.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21's acceptance: a backfill of a large table while the application writes to it,
 * its instance killed with SIGKILL half-way and taken over by the next. Every row is
 * processed exactly once, the rows the application wrote meanwhile are left alone, no row is
 * locked longer than 500 ms (a batch's transaction is the longest any row is locked: the
 * backfill takes no table lock), and progress comes at least every 5 s. Prints what it saw.
 * How much a backfill slows the application's writes is a measurement, not a test: the
 * benchmark's backfill scenario reports it.
 */
class BackfillUnderLoadTests {

	/** A request, an insert and an update in one transaction, every 2 ms. */
	private static final long PACE_NANOS = 2_000_000;

	/** Rows the application's dual write inserts start here, far above the table's. */
	private static final long WRITER_IDS = 100_000_000L;

	@ParameterizedTest
	@CsvSource({ "POSTGRESQL, 1000000", "MARIADB, 200000" })
	void aBackfillUnderWritesKilledHalfWayProcessesEveryRowOnce(TestDatabase database, int rows) throws Exception {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			createItems(jdbc, database, rows);
			SmallsMigrator.builder(db.dataSource()).migrations(Backfill.SCHEMA).build().migrate();
			jdbc.execute("ALTER TABLE items ADD touched INT DEFAULT 0 NOT NULL");

			// The application already writes the new column (the dual write of an expand/contract
			// change), so the backfill is bounded by the rows that were there when it started.
			Writer writer = new Writer(db, rows);
			writer.start();
			long started = System.nanoTime();
			Batches first = new Batches(backfill(db));
			first.readUntil(rows / 2);
			first.process().destroyForcibly();
			assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
			long killedAt = jdbc.queryForObject("SELECT rows_done FROM smalls_history_data", Long.class);
			Batches second = new Batches(backfill(db));
			second.readUntil(Long.MAX_VALUE);
			assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
			long millis = (System.nanoTime() - started) / 1_000_000;
			writer.stop();

			assertThat(second.ended()).isEqualTo("END [DONE]");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE id <= ? AND (hits <> 1 OR filled IS NULL "
					+ "OR filled <> item_value * 2)", Long.class, rows)).isZero();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE id > ? AND hits <> 0", Long.class, rows))
				.as("rows the application filled itself are left alone").isZero();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE id > ?", Long.class, rows))
				.isEqualTo(writer.count());
			long longestBatch = Math.max(first.longestMillis(), second.longestMillis());
			long longestGap = Math.max(first.longestGapMillis(), second.longestGapMillis());
			System.out.printf("%s backfill of %,d rows under %,d requests: %,d ms, killed at %,d rows; longest batch "
					+ "%d ms; longest wait between progress reports %d ms%n", database, rows, writer.count(), millis,
					killedAt, longestBatch, longestGap);
			assertThat(killedAt).isBetween(rows / 2L, rows - 1L);
			assertThat(longestBatch).as("longest batch, the longest any row is locked").isLessThan(500);
			assertThat(longestGap).as("longest wait for progress").isLessThan(5_000);
		}
	}

	private static Process backfill(TestDatabase.FreshDatabase db) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				DataMigrationProcess.class.getName(), db.url(), db.username(),
				db.password().isEmpty() ? "-" : db.password(), "1000", "2000", "load", "0")
			.redirectErrorStream(true)
			.start();
	}

	private static void createItems(JdbcTemplate jdbc, TestDatabase database, int rows) {
		jdbc.execute("CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, item_value INT NOT NULL)");
		if (database == TestDatabase.POSTGRESQL) {
			jdbc.update("INSERT INTO items SELECT id, id % 1000 FROM generate_series(1, ?) AS id", rows);
			jdbc.execute("ANALYZE items");
		}
		else {
			jdbc.update("INSERT INTO items SELECT seq, seq % 1000 FROM seq_1_to_" + rows);
		}
	}

	/** A backfill process's batch lines, read as they come. */
	private static final class Batches {

		private final Process process;

		private final BufferedReader output;

		private final List<Long> millis = new ArrayList<>();

		private final List<Long> reported = new ArrayList<>();

		private String ended;

		Batches(Process process) {
			this.process = process;
			this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		}

		void readUntil(long rowsDone) throws Exception {
			String line;
			while ((line = this.output.readLine()) != null) {
				if (line.startsWith("END ")) {
					this.ended = line;
					return;
				}
				if (line.startsWith("BATCH ") || line.startsWith("WAIT ")) {
					this.reported.add(System.nanoTime());
				}
				if (line.startsWith("BATCH ")) {
					String[] words = line.split(" ");
					this.millis.add(Long.parseLong(words[2]));
					if (Long.parseLong(words[1]) >= rowsDone) {
						return;
					}
				}
			}
		}

		Process process() {
			return this.process;
		}

		String ended() {
			return this.ended;
		}

		/** The longest batch: the longest any of its rows was locked. */
		long longestMillis() {
			return this.millis.stream().mapToLong(Long::longValue).max().orElse(0);
		}

		/** The longest time between two progress reports, the wait before the first left out. */
		long longestGapMillis() {
			long longest = 0;
			for (int i = 1; i < this.reported.size(); i++) {
				longest = Math.max(longest, this.reported.get(i) - this.reported.get(i - 1));
			}
			return longest / 1_000_000;
		}

	}

	/**
	 * The application: inserts rows filled by its dual write, and updates existing ones,
	 * each statement in its own transaction, recording how long each took.
	 */
	private static final class Writer {

		private final JdbcTemplate jdbc;

		private final TransactionTemplate transactions;

		private final int rows;

		private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private Thread thread;

		Writer(TestDatabase.FreshDatabase db, int rows) {
			this.jdbc = new JdbcTemplate(db.dataSource());
			this.transactions = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
			this.rows = rows;
		}

		void start() {
			this.thread = new Thread(() -> {
				long id = WRITER_IDS + ThreadLocalRandom.current().nextLong(1_000_000_000L);
				long next = System.nanoTime();
				while (this.running.get()) {
					// An application's steady load, 500 requests a second: not a loop as fast as the
					// machine goes, whose latency would measure the CPU left.
					next += PACE_NANOS;
					long wait = next - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					// One request of the application: an insert and an update, in one transaction.
					long inserted = id++;
					this.transactions.executeWithoutResult((status) -> {
						this.jdbc.update("INSERT INTO items (id, item_value, filled) VALUES (?, 7, 14)", inserted);
						this.jdbc.update("UPDATE items SET touched = touched + 1 WHERE id = ?",
								1 + ThreadLocalRandom.current().nextInt(this.rows));
					});
					this.requests.incrementAndGet();
				}
			}, "writer");
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join();
		}

		long count() {
			return this.requests.get();
		}

	}

}
