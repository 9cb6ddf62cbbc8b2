package dev.smalls.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smalls.DataBatch;
import dev.smalls.DataMigration;
import dev.smalls.DataMigrationProgress;
import dev.smalls.DataMigrationState;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;

/**
 * Scenario 10: a backfill of N rows ({@code filled = item_value * 2}), keyset by id, 1,000
 * rows a batch. Throughput: smalls' {@link DataMigration} run (each batch's work and its
 * progress row in one transaction) against a hand-written batched JDBC loop doing the same
 * work on one connection (the same keyset query and update, a commit per batch, no progress
 * kept), a new table per sample. smalls' clock starts after the schema migrate that an
 * application runs before its backfill, and includes the creation of its data table. The target: smalls' rows per second at least 0.9 of
 * the loop's. Then, the application's writes: 500 requests a second (an insert and an update
 * in one transaction) on the same table, their p99 latency alone and while smalls' backfill
 * runs, throttled by a pause between batches ({@link #PAUSE_MILLIS}), and while the
 * hand-written loop runs with the same pause: what the backfill costs the application, and
 * how much of that is smalls'. The target: a rise of less than 25 %. Last, the writer
 * during smalls' backfill paced to about 1 % of the time ({@link #PACED_PAUSE_MILLIS} between
 * batches), for {@link #PACED_SECONDS} s: the pace at which, on a small machine, the
 * application no longer feels it.
 */
final class BackfillScenario implements Scenario {

	static final String NAME = "10 backfill N rows";

	static final String WRITES = "10 writer p99 latency";

	static final String ALONE = "writer alone";

	static final String DURING_SMALLS = "writer during smalls' backfill";

	static final String DURING_LOOP = "writer during the hand-written loop";

	static final String DURING_PACED = "writer during smalls' backfill, paced";

	/** The paced backfill's pause: its batches take about 1 % of the time, or less. */
	static final int PACED_PAUSE_MILLIS = 2_000;

	/** How long the writer is measured during the paced backfill, which is then stopped. */
	static final int PACED_SECONDS = 20;

	static final int BATCH = 1_000;

	static final int PAUSE_MILLIS = 25;

	private static final long PACE_NANOS = 2_000_000;

	private final Effort effort;

	BackfillScenario(Effort effort) {
		this.effort = effort;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void run(BenchDatabase database, Report report) throws Exception {
		for (int size : this.effort.sizes(200_000)) {
			this.effort.rounds(List.of(PlainJdbcContender.NAME, SmallsContender.NAME), 1, 5, (name, measured) -> {
				try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
					createItems(dataSource, database, size);
					// The schema migrate (smalls' history tables on a new database) is not the
					// backfill's work: done before the clock starts, as it is in an application.
					SmallsMigrator migrator = name.equals(SmallsContender.NAME) ? migrated(dataSource, 0) : null;
					long started = System.nanoTime();
					long rows = (migrator != null) ? backfill(migrator) : loop(dataSource, 0);
					double millis = Effort.millisSince(started);
					if (rows != size) {
						throw new IllegalStateException(name + " backfilled " + rows + " rows of " + size);
					}
					if (measured) {
						report.add(NAME, database, size, name, millis);
					}
				}
			});
		}
		if (!this.effort.quick()) {
			writes(database, report, 200_000);
		}
	}

	/** The writer's p99 alone and during each backfill, throttled, one sample each per round. */
	private void writes(BenchDatabase database, Report report, int size) throws Exception {
		this.effort.rounds(List.of(ALONE, DURING_SMALLS, DURING_LOOP, DURING_PACED), 0, 3, (name, measured) -> {
			try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
				createItems(dataSource, database, size);
				SmallsMigrator migrator = switch (name) {
					case DURING_SMALLS -> migrated(dataSource, PAUSE_MILLIS);
					case DURING_PACED -> migrated(dataSource, PACED_PAUSE_MILLIS);
					default -> null;
				};
				Writer writer = new Writer(dataSource, size);
				writer.run(Duration.ofSeconds(2));
				writer.clear();
				writer.start();
				switch (name) {
					case ALONE -> Thread.sleep(10_000);
					case DURING_SMALLS -> backfill(migrator);
					case DURING_PACED -> backfillFor(migrator, Duration.ofSeconds(PACED_SECONDS));
					default -> loop(dataSource, PAUSE_MILLIS);
				}
				writer.stop();
				report.add(WRITES, database, size, name, writer.p99Millis());
			}
		});
	}

	private static void createItems(DataSource dataSource, BenchDatabase database, int rows) throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, item_value INT NOT NULL, filled INT, "
				+ "touched INT DEFAULT 0 NOT NULL)");
		switch (database) {
			case POSTGRESQL -> jdbc.update("INSERT INTO items (id, item_value) SELECT id, id % 1000 FROM "
					+ "generate_series(1, ?) AS id", rows);
			case MARIADB -> jdbc.update("INSERT INTO items (id, item_value) SELECT seq, seq % 1000 FROM seq_1_to_"
					+ rows);
			default -> jdbc.update("INSERT INTO items (id, item_value) SELECT X, MOD(X, 1000) FROM "
					+ "SYSTEM_RANGE(1, ?)", rows);
		}
	}

	/** smalls' run of the backfill, stopped after a while: the batch in hand commits. */
	private static void backfillFor(@Nullable SmallsMigrator migrator, Duration duration) {
		if (migrator == null) {
			throw new IllegalStateException("no migrator");
		}
		long deadline = System.nanoTime() + duration.toNanos();
		migrator.dataMigrations().run((progress) -> {
		}, () -> System.nanoTime() > deadline);
	}

	/** A migrator whose schema migrations are applied: the backfill is what is left. */
	private static SmallsMigrator migrated(DataSource dataSource, int pauseMillis) {
		SmallsMigrator migrator = SmallsMigrator.builder(dataSource)
			.migrations(new Marker(), new Fill(Duration.ofMillis(pauseMillis)))
			.build();
		migrator.migrate();
		return migrator;
	}

	/** smalls' run of the backfill, its data table made at its first batch included. */
	private static long backfill(@Nullable SmallsMigrator migrator) {
		if (migrator == null) {
			throw new IllegalStateException("no migrator");
		}
		List<DataMigrationProgress> end = migrator.dataMigrations().run();
		if (end.get(0).state() != DataMigrationState.DONE) {
			throw new IllegalStateException("the backfill ended " + end.get(0).describe());
		}
		return end.get(0).rowsDone();
	}

	/** The hand-written loop: the same statements, a commit per batch, on one connection. */
	private static long loop(DataSource dataSource, int pauseMillis) throws Exception {
		long rows = 0;
		try (Connection connection = dataSource.getConnection();
				PreparedStatement keys = connection.prepareStatement(Fill.KEYS);
				PreparedStatement update = connection.prepareStatement(Fill.UPDATE)) {
			connection.setAutoCommit(false);
			long after = 0;
			long upTo;
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery(Fill.UP_TO)) {
				result.next();
				upTo = result.getLong(1);
			}
			while (true) {
				keys.setLong(1, after);
				keys.setLong(2, upTo);
				long last;
				try (ResultSet result = keys.executeQuery()) {
					result.next();
					last = result.getLong(1);
					if (result.wasNull()) {
						connection.commit();
						return rows;
					}
				}
				update.setLong(1, after);
				update.setLong(2, last);
				rows += update.executeUpdate();
				connection.commit();
				after = last;
				if (pauseMillis > 0) {
					Thread.sleep(pauseMillis);
				}
			}
		}
	}

	/** Migration 1, so that the backfill has a migration below it, as it would. */
	private static final class Marker implements SmallsMigration {

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
		}

	}

	/** The backfill, as a user writes it. */
	private static final class Fill implements DataMigration {

		/** Rows inserted after the backfill started are the application's dual write's: left alone. */
		static final String UP_TO = "SELECT COALESCE(MAX(id), 0) FROM items";

		static final String KEYS = "SELECT MAX(id) FROM (SELECT id FROM items WHERE id > ? AND id <= ? ORDER BY id "
				+ "LIMIT " + BATCH + ") batch_keys";

		static final String UPDATE = "UPDATE items SET filled = item_value * 2 WHERE id > ? AND id <= ?";

		private final Duration pause;

		Fill(Duration pause) {
			this.pause = pause;
		}

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public int batchSize() {
			return BATCH;
		}

		@Override
		public Duration pauseBetweenBatches() {
			return this.pause;
		}

		@Override
		public DataBatch migrateBatch(JdbcTemplate jdbc, @Nullable String after, int size) {
			// The position: "<last id done>:<highest id when the backfill started>".
			long from = (after != null) ? Long.parseLong(after.substring(0, after.indexOf(':'))) : 0;
			long upTo = (after != null) ? Long.parseLong(after.substring(after.indexOf(':') + 1))
					: jdbc.queryForObject(UP_TO, Long.class);
			Long last = jdbc.queryForObject(KEYS, Long.class, from, upTo);
			if (last == null) {
				return DataBatch.done(0);
			}
			return DataBatch.next(jdbc.update(UPDATE, from, last), last + ":" + upTo);
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
		}

	}

	/** The application: 500 requests a second, each an insert and an update in one transaction. */
	private static final class Writer {

		private final JdbcTemplate jdbc;

		private final TransactionTemplate transactions;

		private final int rows;

		private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

		private final AtomicBoolean running = new AtomicBoolean();

		private long nextId = 1_000_000_000L;

		private @Nullable Thread thread;

		Writer(DataSource dataSource, int rows) {
			this.jdbc = new JdbcTemplate(dataSource);
			this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
			this.rows = rows;
		}

		void run(Duration duration) throws InterruptedException {
			start();
			Thread.sleep(duration.toMillis());
			stop();
		}

		void start() {
			this.running.set(true);
			Thread thread = new Thread(() -> {
				long next = System.nanoTime();
				while (this.running.get()) {
					next += PACE_NANOS;
					long wait = next - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					long id = this.nextId++;
					long start = System.nanoTime();
					this.transactions.executeWithoutResult((status) -> {
						this.jdbc.update("INSERT INTO items (id, item_value, filled) VALUES (?, 7, 14)", id);
						this.jdbc.update("UPDATE items SET touched = touched + 1 WHERE id = ?",
								1 + ThreadLocalRandom.current().nextInt(this.rows));
					});
					this.nanos.add(System.nanoTime() - start);
				}
			}, "writer");
			this.thread = thread;
			thread.start();
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			if (this.thread != null) {
				this.thread.join();
			}
		}

		void clear() {
			this.nanos.clear();
		}

		double p99Millis() {
			List<Long> sorted = new ArrayList<>(this.nanos);
			Collections.sort(sorted);
			return sorted.get((int) (sorted.size() * 0.99)) / 1_000_000.0;
		}

	}

}
