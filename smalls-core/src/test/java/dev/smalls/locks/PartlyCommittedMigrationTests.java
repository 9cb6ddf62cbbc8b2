package dev.smalls.locks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.SqlMigration;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.testsupport.MigrationInProcess;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A plain migration that inserts rows and then runs DDL, on a database that commits DDL at
 * once (MariaDB, H2): the DDL commits the rows with it. If the process is killed after that,
 * or its lock is lost, the migration's work is in part in the database and not recorded: the
 * next run must say so and refuse to run it again, whatever lock is used, until a person has
 * looked and repair forgets the interruption.
 */
class PartlyCommittedMigrationTests {

	private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target").toAbsolutePath();

	/** Rows, then DDL that commits them, then a wait in which the parent kills the process. */
	private static final String DML_THEN_DDL = "INSERT INTO item (id) VALUES (1);;INSERT INTO item (id) VALUES (2);;"
			+ "CREATE TABLE side (id INT);;PAUSE";

	@Test
	void mariaDbKilledAfterItsDdlIsLeftInterruptedNotRunAgain() throws Exception {
		for (int round = 1; round <= 3; round++) {
			try (FreshDatabase db = TestDatabase.MARIADB.createFreshDatabase()) {
				killAfterTheDdlThenRepair(db.dataSource(), db.url(), db.username(), db.password(), round);
			}
		}
	}

	@Test
	void h2KilledAfterItsDdlIsLeftInterruptedNotRunAgain() throws Exception {
		for (int round = 1; round <= 3; round++) {
			// A file database the killed JVM opens in process: FILE_LOCK=FS dies with the process,
			// WRITE_DELAY=0 makes each commit durable at once.
			Path file = TARGET.resolve("h2-partly").resolve("db_" + UUID.randomUUID().toString().substring(0, 8));
			String url = "jdbc:h2:file:" + file + ";FILE_LOCK=FS;WRITE_DELAY=0";
			try (HikariDataSource dataSource = new HikariDataSource()) {
				dataSource.setJdbcUrl(url);
				dataSource.setUsername("sa");
				dataSource.setPassword("");
				// H2 opens a file database in one process at a time: the parent holds no connection
				// while the child runs.
				dataSource.setMinimumIdle(0);
				dataSource.setIdleTimeout(10_000);
				new JdbcTemplate(dataSource).execute("CREATE TABLE item (id INT PRIMARY KEY)");
				dataSource.getHikariPoolMXBean().softEvictConnections();
				killAfterTheDdlThenRepair(dataSource, url, "sa", "", round);
			}
		}
	}

	private void killAfterTheDdlThenRepair(HikariDataSource dataSource, String url, String user, String password,
			int round) throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("CREATE TABLE IF NOT EXISTS item (id INT PRIMARY KEY)");
		dataSource.getHikariPoolMXBean().softEvictConnections();
		try (MigrationInProcess killed = MigrationInProcess.start(url, user, password, LockStrategy.AUTO,
				DML_THEN_DDL)) {
			killed.awaitLine("PAUSED 1");
			killed.kill();
		}
		String context = "round " + round;
		// What the DDL committed is there, and it is not recorded.
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).as(context).isEqualTo(2);
		assertThat(jdbc.queryForList("SELECT sequence_no FROM smalls_history", Integer.class)).as(context).isEmpty();
		// The next run does not run it again over what it left.
		SmallsMigrator next = SmallsMigrator.builder(dataSource)
			.migrations(new SqlMigration(1, "step_1", (template) -> {
				template.update("INSERT INTO item (id) VALUES (1)");
				template.update("INSERT INTO item (id) VALUES (2)");
				template.execute("CREATE TABLE side (id INT)");
			}, (template) -> {
			}))
			.lockTimeout(Duration.ofSeconds(30))
			.build();
		assertThat(next.status().migrations().get(0).state()).as(context).isEqualTo(MigrationState.INTERRUPTED);
		assertThatExceptionOfType(SmallsValidationException.class).as(context).isThrownBy(next::migrate)
			.withMessageContaining("0001_step_1 was interrupted while being applied")
			.withMessageContaining("smalls cannot tell which of its work is in the database")
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.INTERRUPTED));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).as(context).isEqualTo(2);
		// A person undoes it; repair forgets the interruption; the migration runs, once.
		jdbc.update("DELETE FROM item");
		jdbc.execute("DROP TABLE side");
		assertThat(next.repair(1).forgotten()).as(context).isTrue();
		assertThat(next.migrate().applied()).as(context).hasSize(1);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).as(context).isEqualTo(2);
		dataSource.getHikariPoolMXBean().softEvictConnections();
	}

	@Test
	void h2KilledInTheMiddleOfAlteringABigTableSaysWhatH2LeftBehind() throws Exception {
		Path file = TARGET.resolve("h2-partly").resolve("db_" + UUID.randomUUID().toString().substring(0, 8));
		String url = "jdbc:h2:file:" + file + ";FILE_LOCK=FS;WRITE_DELAY=0";
		// Built on a connection of its own: closing the last connection closes the database (and
		// its file lock) before the process that is killed opens it. A pool closes evicted
		// connections in the background.
		try (java.sql.Connection setup = java.sql.DriverManager.getConnection(url, "sa", "");
				java.sql.Statement statement = setup.createStatement()) {
			// Big enough that altering it takes seconds: H2 copies it row by row.
			statement.execute("CREATE TABLE big (id INT PRIMARY KEY, v INT)");
			statement.execute("INSERT INTO big SELECT X, X FROM SYSTEM_RANGE(1, 4000000)");
		}
		try (MigrationInProcess killed = MigrationInProcess.start(url, "sa", "", LockStrategy.AUTO,
				"ALTER TABLE big ALTER COLUMN v SET DATA TYPE BIGINT")) {
			killed.awaitLine("RUNNING 1");
			Thread.sleep(800);
			killed.kill();
		}
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(url);
			dataSource.setUsername("sa");
			dataSource.setPassword("");
			dataSource.setMinimumIdle(0);
			SmallsMigrator next = SmallsMigrator.builder(dataSource)
				.migrations(SqlMigration.sql(1, "step_1", "ALTER TABLE big ALTER COLUMN v SET DATA TYPE BIGINT",
						"ALTER TABLE big ALTER COLUMN v SET DATA TYPE INT"))
				.build();
			MigrationStatus status = next.status();
			assertThat(status.migrations().get(0).state()).isEqualTo(MigrationState.INTERRUPTED);
			assertThat(status.notes()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.startsWith("H2 left table BIG_COPY_")
				.contains("the copy of table BIG it makes while altering it")
				.contains("DROP TABLE BIG_COPY_");
		}
	}

	@Test
	void aLeaseLostAfterTheDdlLeavesItInterruptedAndTheInstanceThatTookOverDoesNotRunItAgain() {
		for (int round = 1; round <= 3; round++) {
			try (FreshDatabase db = TestDatabase.MARIADB.createFreshDatabase()) {
				JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
				jdbc.execute("CREATE TABLE item (id INT PRIMARY KEY)");
				SmallsMigrator first = SmallsMigrator.builder(db.dataSource())
					.migrations(new SqlMigration(1, "step_1", (template) -> {
						template.update("INSERT INTO item (id) VALUES (1)");
						template.execute("CREATE TABLE side (id INT)");
						// The instance stalls past its lease, and another takes it over.
						template.update("UPDATE smalls_history_lock SET owner = 'another instance' WHERE id = 1");
					}, (template) -> {
					}))
					.lockStrategy(LockStrategy.LEASE)
					.build();
				String context = "round " + round;
				assertThatExceptionOfType(SmallsMigrationException.class).as(context).isThrownBy(first::migrate)
					.withMessageContaining("no longer held the migration lock")
					.withMessageContaining("It is marked as interrupted")
					.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.PARTLY_APPLIED));
				jdbc.update("UPDATE smalls_history_lock SET owner = NULL, expires_at = 0 WHERE id = 1");
				SmallsMigrator second = SmallsMigrator.builder(db.dataSource())
					.migrations(SqlMigration.sql(1, "step_1", "CREATE TABLE side (id INT)", "DROP TABLE side"))
					.lockStrategy(LockStrategy.LEASE)
					.build();
				assertThatExceptionOfType(SmallsValidationException.class).as(context).isThrownBy(second::migrate)
					.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.INTERRUPTED));
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).as(context).isOne();
				assertThat(jdbc.queryForList("SELECT sequence_no FROM smalls_history", Integer.class)).as(context)
					.isEmpty();
			}
		}
	}

}
