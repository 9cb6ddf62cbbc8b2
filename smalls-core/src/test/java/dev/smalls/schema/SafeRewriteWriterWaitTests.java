package dev.smalls.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.ColumnType.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance: on a table of 200,000 rows that a writer inserts into without
 * pause, each rewritten operation completes while the writer's longest wait for one insert
 * stays under a second. The same operation as written is measured too, and printed, not
 * asserted: how long it blocks depends on the machine.
 */
class SafeRewriteWriterWaitTests {

	private static final int ROWS = 200_000;

	private static final long LIMIT_MS = 1000;

	@Test
	void onPostgresqlTheWriterWaitsUnderASecondWhileEachRewrittenOperationRuns() throws Exception {
		try (FreshDatabase db = TestDatabase.postgresql().createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE parents (id BIGINT PRIMARY KEY)");
			jdbc.execute("INSERT INTO parents SELECT g FROM generate_series(1, 1000) g");
			jdbc.execute("CREATE TABLE events (id BIGSERIAL PRIMARY KEY, parent_id BIGINT, payload VARCHAR(40), "
					+ "score INT)");
			jdbc.execute("INSERT INTO events (parent_id, payload, score) SELECT g % 1000 + 1, md5(g::text), g "
					+ "FROM generate_series(1, " + ROWS + ") g");
			jdbc.execute("ANALYZE events");
			measure(db, "PostgreSQL", List.of(
					operation(2, "addIndex events (payload)",
							(schema) -> schema.addIndex("events", "events_payload_idx", "payload")),
					operation(3, "addForeignKey events.parent_id",
							(schema) -> schema.addForeignKey("events", "fk_events_parent", "parent_id", "parents", "id")),
					operation(4, "setNotNull events.score", (schema) -> schema.setNotNull("events", "score"))));
		}
	}

	@Test
	void onMariaDbTheWriterWaitsUnderASecondWhileEachRewrittenOperationRuns() throws Exception {
		try (FreshDatabase db = TestDatabase.mariadb().createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE parents (id BIGINT PRIMARY KEY)");
			jdbc.execute("INSERT INTO parents SELECT seq FROM seq_1_to_1000");
			jdbc.execute("CREATE TABLE events (id BIGINT AUTO_INCREMENT PRIMARY KEY, parent_id BIGINT, "
					+ "payload VARCHAR(40), score INT)");
			jdbc.execute("INSERT INTO events (parent_id, payload, score) SELECT seq % 1000 + 1, md5(seq), seq "
					+ "FROM seq_1_to_" + ROWS);
			measure(db, "MariaDB", List.of(
					operation(2, "addIndex events (payload)",
							(schema) -> schema.addIndex("events", "events_payload_idx", "payload")),
					operation(3, "addColumn events.flag", (schema) -> schema.addColumn("events", "flag", INTEGER)),
					operation(4, "setNotNull events.score", (schema) -> schema.setNotNull("events", "score"))));
		}
	}

	/**
	 * Each operation as written (run and undone at once), then rewritten, through a migrator,
	 * while the writer inserts.
	 */
	private static void measure(FreshDatabase db, String database, List<Measured> operations) throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
		SmallsDialect dialect = SmallsDialects.current(jdbc);
		List<SmallsMigration> migrations = new ArrayList<>();
		migrations.add(new TestSchemaMigration(1, "start", (schema) -> {
		}));
		operations.forEach((operation) -> migrations.add(operation.migration()));
		SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
			.migrations(migrations)
			.safeRewrites(true)
			.build();
		migrator.migrate(1);
		List<String> report = new ArrayList<>();
		try (Writer writer = new Writer(db.openConnection())) {
			writer.start();
			for (Measured operation : operations) {
				SchemaPlan plain = SchemaPlan.of(operation.migration());
				long asWritten = writer.longestWaitWhile(() -> plain.run(jdbc, dialect, 0, 1));
				plain.run(jdbc, dialect, 1, 0);
				long rewritten = writer.longestWaitWhile(() -> migrator.migrate(operation.migration().sequence()));
				report.add(String.format("%s %-32s writer's longest wait: %5d ms as written, %5d ms rewritten",
						database, operation.name(), asWritten, rewritten));
				assertThat(rewritten).as(operation.name() + " rewritten").isLessThan(LIMIT_MS);
			}
			assertThat(writer.inserted()).isPositive();
		}
		finally {
			report.forEach(System.out::println);
		}
	}

	private static Measured operation(int sequence, String name, Consumer<Schema> change) {
		return new Measured(name, new TestSchemaMigration(sequence, "op_" + sequence, change));
	}

	private record Measured(String name, TestSchemaMigration migration) {
	}

	/** Inserts into {@code events} on a connection of its own, timing each insert. */
	private static final class Writer extends Thread implements AutoCloseable {

		private final Connection connection;

		private final AtomicLong longest = new AtomicLong();

		private final AtomicLong inserted = new AtomicLong();

		private volatile boolean measuring;

		private volatile boolean running = true;

		private volatile Exception failure;

		Writer(Connection connection) {
			super("writer");
			this.connection = connection;
			setDaemon(true);
		}

		@Override
		public void run() {
			try (PreparedStatement insert = this.connection
				.prepareStatement("INSERT INTO events (parent_id, payload, score) VALUES (?, ?, ?)")) {
				while (this.running) {
					boolean measured = this.measuring;
					long started = System.nanoTime();
					insert.setLong(1, ThreadLocalRandom.current().nextLong(1, 1001));
					insert.setString(2, Long.toHexString(started));
					insert.setInt(3, 1);
					insert.executeUpdate();
					long millis = (System.nanoTime() - started) / 1_000_000;
					if (measured) {
						this.longest.accumulateAndGet(millis, Math::max);
					}
					this.inserted.incrementAndGet();
				}
			}
			catch (Exception ex) {
				this.failure = ex;
			}
		}

		/** The longest an insert begun while the work ran took, the one it may have blocked included. */
		long longestWaitWhile(Runnable work) throws InterruptedException {
			this.longest.set(0);
			this.measuring = true;
			try {
				work.run();
			}
			finally {
				this.measuring = false;
			}
			long seen = this.inserted.get();
			long deadline = System.nanoTime() + 30_000_000_000L;
			while (this.inserted.get() < seen + 2 && this.failure == null && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
			assertThat(this.failure).isNull();
			return this.longest.get();
		}

		long inserted() {
			return this.inserted.get();
		}

		@Override
		public void close() throws Exception {
			this.running = false;
			join(10_000);
			this.connection.close();
		}

	}

}
