package dev.smalls;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.smalls.testsupport.Backfill;
import dev.smalls.testsupport.DataMigrationProcess;
import dev.smalls.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Data migrations: run in batches after the schema migrations, each batch committed with its
 * progress, resumed after a kill exactly where it stopped, paused, resumed and cancelled by an
 * operator, recorded in the history once done.
 */
class DataMigrationTests {

	private static final int ROWS = 2_000;

	/** Migration 3: waits for the backfill (the contract step of an expand/contract change). */
	@DependsOnData(2)
	static final class DropValue implements SmallsMigration {

		@Override
		public int sequence() {
			return 3;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("CREATE TABLE after_backfill (id INT)");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("DROP TABLE after_backfill");
		}

	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aMigrateLeavesTheBackfillAndWhatDependsOnItAndTheRunDoesItInBatches(TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			Backfill.createItems(jdbc, ROWS);
			SmallsMigrator migrator = migrator(db, new Backfill(300));

			assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(1);
			// Made when first needed: a new database pays for neither table at its first migrate.
			for (String table : List.of("smalls_history_data", "smalls_history_instances")) {
				assertThatExceptionOfType(org.springframework.dao.DataAccessException.class).as(table)
					.isThrownBy(() -> jdbc.queryForList("SELECT * FROM " + table));
			}
			assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.APPLIED, MigrationState.PENDING, MigrationState.PENDING);
			assertThat(migrator.dataMigrations().progress()).singleElement()
				.satisfies((progress) -> assertThat(progress.state()).isEqualTo(DataMigrationState.READY));
			assertThat(migrator.migrate().applied()).isEmpty();

			List<DataMigrationProgress> seen = new ArrayList<>();
			List<DataMigrationProgress> end = migrator.dataMigrations().run(seen::add, () -> false);

			assertThat(end).singleElement().satisfies((progress) -> {
				assertThat(progress.state()).isEqualTo(DataMigrationState.DONE);
				assertThat(progress.percent()).isEqualTo(100);
			});
			// 7 batches of work and the empty one that finds nothing left.
			assertThat(seen).hasSize(8);
			assertThat(seen.get(0).rowsDone()).isEqualTo(300);
			assertThat(seen.get(0).rowsTotal()).isEqualTo(ROWS);
			assertThat(seen.get(0).percent()).isEqualTo(15);
			assertEveryRowProcessedOnce(jdbc);
			MigrationInfo backfill = migrator.status().migrations().get(1);
			assertThat(backfill.state()).isEqualTo(MigrationState.APPLIED);
			assertThat(backfill.batch()).isEqualTo(2);
			assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(3);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aPausedBackfillStopsAfterTheBatchInHandAndAResumeContinuesWhereItStopped(TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			Backfill.createItems(jdbc, ROWS);
			SmallsMigrator operator = migrator(db, new Backfill(100));
			SmallsMigrator instance = migrator(db, new Backfill(100).beforeBatch((batch) -> {
				if (batch == 5) {
					// An operator pauses while the fifth batch runs: that batch still commits.
					CompletableFuture.runAsync(() -> operator.dataMigrations().pause(2, "ops"));
					sleep(300);
				}
			}));
			instance.migrate();

			List<DataMigrationProgress> end = instance.dataMigrations().run();

			DataMigrationProgress paused = end.get(0);
			assertThat(paused.state()).isEqualTo(DataMigrationState.PAUSED);
			assertThat(paused.message()).isEqualTo("paused by ops");
			// The batch in hand commits; the runner's next one may take the row before the pause's
			// update does (no database queues row-lock waiters strictly fairly), and then commits too.
			assertThat(paused.rowsDone()).isBetween(500L, 1_500L);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits = 1", Long.class))
				.isEqualTo(paused.rowsDone());
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits > 1", Long.class)).isZero();
			// Paused across restarts: a new instance's run leaves it.
			assertRunEndsIn(migrator(db, new Backfill(100)), DataMigrationState.PAUSED);

			assertThat(operator.dataMigrations().resume(2, "ops").state()).isEqualTo(DataMigrationState.RUNNING);
			assertRunEndsIn(migrator(db, new Backfill(100)), DataMigrationState.DONE);
			assertEveryRowProcessedOnce(jdbc);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aCancelledBackfillDoesNotStartAgainUntilResumedAndAResumeOfADoneOneIsRefused(TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			Backfill.createItems(jdbc, 500);
			SmallsMigrator migrator = migrator(db, new Backfill(100));
			migrator.migrate();

			assertThat(migrator.dataMigrations().cancel(2, "ops").state()).isEqualTo(DataMigrationState.CANCELLED);
			assertRunEndsIn(migrator, DataMigrationState.CANCELLED);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits > 0", Integer.class)).isZero();
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> migrator.dataMigrations().pause(2, "ops"))
				.withMessageContaining("it is CANCELLED");

			migrator.dataMigrations().resume(2, "ops");
			assertRunEndsIn(migrator, DataMigrationState.DONE);
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> migrator.dataMigrations().resume(2, "ops"))
				.withMessageContaining("it is done");
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> migrator.dataMigrations().pause(1, "ops"))
				.withMessageContaining("the code has no data migration with that sequence (it has 0002_fill_items)");
			assertEveryRowProcessedOnce(jdbc);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void twoInstancesRunningTheBackfillAtOnceProcessEveryRowOnce(TestDatabase database) throws Exception {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			Backfill.createItems(jdbc, ROWS);
			migrator(db, new Backfill(50)).migrate();
			CompletableFuture<List<DataMigrationProgress>> first = CompletableFuture
				.supplyAsync(() -> migrator(db, new Backfill(50)).dataMigrations().withLease(Duration.ofSeconds(2)).run());
			CompletableFuture<List<DataMigrationProgress>> second = CompletableFuture
				.supplyAsync(() -> migrator(db, new Backfill(50)).dataMigrations().withLease(Duration.ofSeconds(2)).run());

			assertThat(first.get(60, TimeUnit.SECONDS)).singleElement()
				.extracting(DataMigrationProgress::state)
				.isEqualTo(DataMigrationState.DONE);
			assertThat(second.get(60, TimeUnit.SECONDS)).singleElement()
				.extracting(DataMigrationProgress::state)
				.isEqualTo(DataMigrationState.DONE);
			assertEveryRowProcessedOnce(jdbc);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM smalls_history WHERE sequence_no = 2", Integer.class))
				.isEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aBatchThatCommitsOnItsOwnIsRolledBackAndTheBackfillIsLeftFailed(TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			Backfill.createItems(jdbc, 500);
			AtomicReference<JdbcTemplate> template = new AtomicReference<>(jdbc);
			SmallsMigrator migrator = migrator(db, new Backfill(100).beforeBatch((batch) -> {
				if (batch == 3) {
					template.get().execute((java.sql.Connection connection) -> {
						connection.commit();
						return null;
					});
				}
			}));
			migrator.migrate();

			assertThat(migrator.dataMigrations().run()).singleElement().satisfies((progress) -> {
				assertThat(progress.state()).isEqualTo(DataMigrationState.FAILED);
				assertThat(progress.rowsDone()).isEqualTo(200);
				assertThat(progress.message()).contains("Connection.commit()");
			});
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits = 1", Integer.class)).isEqualTo(200);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits > 1", Integer.class)).isZero();

			// Fixed and started again: a failed backfill continues at the next run.
			assertRunEndsIn(migrator(db, new Backfill(100)), DataMigrationState.DONE);
			assertEveryRowProcessedOnce(jdbc);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aBatchThatCommitsInSqlAndThenFailsLeavesTheBackfillFailedWithHowToMendItAndNoRowTwice(
			TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			Backfill.createItems(jdbc, 500);
			AtomicReference<JdbcTemplate> template = new AtomicReference<>(jdbc);
			SmallsMigrator migrator = migrator(db, new Backfill(100).beforeBatch((batch) -> {
				if (batch == 3) {
					// SQL no JDBC guard sees: the batch's claim commits, then the batch fails.
					template.get().execute("COMMIT");
					throw new IllegalStateException("the batch broke after its COMMIT");
				}
			}));
			migrator.migrate();

			// Not thrown (a background runner would repeat it at every poll): left FAILED, saying why.
			for (int run = 0; run < 2; run++) {
				assertThat(migrator.dataMigrations().run()).singleElement().satisfies((progress) -> {
					assertThat(progress.state()).isEqualTo(DataMigrationState.FAILED);
					assertThat(progress.rowsDone()).isEqualTo(200);
					assertThat(progress.message()).contains("committed part of its work on its own")
						.contains("batch_token = NULL")
						.contains("smalls data resume 2");
				});
			}
			// A resume without mending the row fails again: nothing runs from an unknown place.
			migrator.dataMigrations().resume(2, "a test");
			assertRunEndsIn(migrator(db, new Backfill(100)), DataMigrationState.FAILED);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits > 0", Integer.class)).isEqualTo(200);

			// Mended as the message says (batch 3 did none of its rows), resumed: every row once.
			jdbc.update("UPDATE smalls_history_data SET batch_token = NULL WHERE sequence_no = 2");
			migrator.dataMigrations().resume(2, "a test");
			assertRunEndsIn(migrator(db, new Backfill(100)), DataMigrationState.DONE);
			assertEveryRowProcessedOnce(jdbc);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void withATransactionManagerEachBatchRunsInItsTransactionAndCommitsWithItsProgress(TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			Backfill.createItems(jdbc, 500);
			List<Boolean> inManagersTransaction = new java.util.concurrent.CopyOnWriteArrayList<>();
			AtomicReference<JdbcTemplate> template = new AtomicReference<>(jdbc);
			Backfill backfill = new Backfill(100).beforeBatch((batch) -> {
				inManagersTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
				if (batch == 3) {
					throw new IllegalStateException("batch 3 fails once");
				}
				if (batch == 5) {
					// Still refused: the manager's transaction is the batch's, not the batch's own.
					template.get().execute((java.sql.Connection connection) -> {
						connection.commit();
						return null;
					});
				}
			});
			DataSourceTransactionManager manager = new DataSourceTransactionManager(db.dataSource());
			SmallsMigrator migrator = migrator(db, backfill, manager);
			migrator.migrate();

			assertThat(migrator.dataMigrations().run()).singleElement().satisfies((progress) -> {
				assertThat(progress.state()).isEqualTo(DataMigrationState.FAILED);
				assertThat(progress.message()).contains("Connection.commit()");
				// Batches 1 and 2, and 3 on its second try: the failed try and the refused batch left nothing.
				assertThat(progress.rowsDone()).isEqualTo(300);
			});
			assertThat(inManagersTransaction).isNotEmpty().containsOnly(true);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits = 1", Integer.class)).isEqualTo(300);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits > 1", Integer.class)).isZero();

			migrator.dataMigrations().resume(2, "a test");
			assertRunEndsIn(migrator(db, new Backfill(100), manager), DataMigrationState.DONE);
			assertEveryRowProcessedOnce(jdbc);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aRolledBackBackfillRunsItsRollbackAndStartsAgainFromTheBeginning(TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			Backfill.createItems(jdbc, 500);
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(Backfill.SCHEMA, new Backfill(100))
				.build();
			migrator.migrate();
			migrator.dataMigrations().run();

			assertThat(migrator.rollback(1).rolledBack()).extracting(MigrationExecution::sequence).containsExactly(2);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE filled IS NULL", Integer.class))
				.isEqualTo(500);
			assertThat(migrator.dataMigrations().progress()).singleElement()
				.extracting(DataMigrationProgress::state)
				.isEqualTo(DataMigrationState.READY);

			assertRunEndsIn(migrator, DataMigrationState.DONE);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE filled = item_value * 2 AND hits = 2",
					Integer.class))
				.isEqualTo(500);
		}
	}

	/** The backfill as a keyset query and the work per batch; its first batch inserts a row past the bound. */
	static final class KeysetFill extends KeysetDataMigration {

		private boolean inserted;

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public String name() {
			return "fill_items";
		}

		@Override
		public int batchSize() {
			return 300;
		}

		@Override
		protected String keys() {
			return "SELECT id FROM items WHERE id > ? ORDER BY id";
		}

		@Override
		protected Long upTo(JdbcTemplate jdbc) {
			return jdbc.queryForObject("SELECT MAX(id) FROM items", Long.class);
		}

		@Override
		protected int process(JdbcTemplate jdbc, List<Long> ids) {
			if (!this.inserted) {
				// The application's dual write, while the backfill runs: left to the application.
				jdbc.update("INSERT INTO items (id, item_value, filled) VALUES (999999, 1, 2)");
				this.inserted = true;
			}
			return jdbc.update("UPDATE items SET filled = item_value * 2, hits = hits + 1 WHERE id BETWEEN ? AND ?",
					ids.get(0), ids.get(ids.size() - 1));
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
		}

	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aKeysetMigrationProcessesEveryKeyUpToTheBoundOnceAndLeavesRowsInsertedSince(TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			Backfill.createItems(jdbc, ROWS);
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(Backfill.SCHEMA, new KeysetFill())
				.build();
			migrator.migrate();

			assertThat(migrator.dataMigrations().run()).singleElement().satisfies((progress) -> {
				assertThat(progress.state()).isEqualTo(DataMigrationState.DONE);
				assertThat(progress.rowsDone()).isEqualTo(ROWS);
				assertThat(progress.batches()).isEqualTo(8);
			});
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE id <= ? AND (hits <> 1 OR filled <> "
					+ "item_value * 2)", Integer.class, ROWS)).isZero();
			assertThat(jdbc.queryForObject("SELECT hits FROM items WHERE id = 999999", Integer.class)).isZero();
		}
	}

	@DependsOnData(2)
	static final class WaitsForNothingThere implements SmallsMigration {

		@Override
		public int sequence() {
			return 3;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
		}

	}

	@org.junit.jupiter.api.Test
	void aMigrationThatWaitsForADataMigrationTheCodeDoesNotHaveIsRefusedOnceItIsPending() {
		try (TestDatabase.FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			Backfill.createItems(new JdbcTemplate(db.dataSource()), 10);
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(Backfill.SCHEMA, new WaitsForNothingThere())
				.build();
			assertThat(migrator.migrate(1).applied()).hasSize(1);
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("depends on data migration 0002, but the code has no data migration with that "
						+ "sequence, and none is applied. Nothing was run.");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "MARIADB" })
	void anInstanceKilledHalfWayIsTakenOverWhereItStoppedAndEveryRowIsProcessedOnce(TestDatabase database)
			throws Exception {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			Backfill.createItems(jdbc, 20_000);
			Process first = backfillProcess(db, 100);
			try {
				BufferedReader output = new BufferedReader(
						new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
				String line;
				do {
					line = output.readLine();
				}
				while (line != null && !(line.startsWith("BATCH ") && Long.parseLong(line.split(" ")[1]) >= 10_000));
				assertThat(line).as("the first instance reports its batches").isNotNull();
				first.destroyForcibly();
				assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
			finally {
				first.destroyForcibly();
			}
			Map<String, Object> left = jdbc.queryForMap("SELECT state, rows_done FROM smalls_history_data");
			assertThat(left.get("state")).isEqualTo("RUNNING");
			long done = ((Number) left.get("rows_done")).longValue();
			assertThat(done).isBetween(10_000L, 19_900L);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits = 1", Long.class)).isEqualTo(done);

			Process second = backfillProcess(db, 100);
			String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(output).contains("END [DONE]");
			assertThat(output).contains("BATCH " + (done + 100) + " ");
			assertEveryRowProcessedOnce(jdbc);
		}
	}

	private static Process backfillProcess(TestDatabase.FreshDatabase db, int batchSize) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				DataMigrationProcess.class.getName(), db.url(), db.username(),
				db.password().isEmpty() ? "-" : db.password(), String.valueOf(batchSize), "1000")
			.redirectErrorStream(true)
			.start();
	}

	private static SmallsMigrator migrator(TestDatabase.FreshDatabase db, Backfill backfill) {
		return SmallsMigrator.builder(db.dataSource()).migrations(Backfill.SCHEMA, backfill, new DropValue()).build();
	}

	private static SmallsMigrator migrator(TestDatabase.FreshDatabase db, Backfill backfill,
			DataSourceTransactionManager manager) {
		return SmallsMigrator.builder(db.dataSource())
			.migrations(Backfill.SCHEMA, backfill, new DropValue())
			.dataTransactionManager(() -> manager)
			.build();
	}

	/** Run the data migrations: the backfill's state at the end. */
	private static void assertRunEndsIn(SmallsMigrator migrator, DataMigrationState state) {
		assertThat(migrator.dataMigrations().run()).singleElement()
			.extracting(DataMigrationProgress::state)
			.isEqualTo(state);
	}

	private static void assertEveryRowProcessedOnce(JdbcTemplate jdbc) {
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE hits <> 1 OR filled IS NULL "
				+ "OR filled <> item_value * 2", Integer.class)).isZero();
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
