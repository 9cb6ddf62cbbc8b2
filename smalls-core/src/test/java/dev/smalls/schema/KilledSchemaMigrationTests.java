package dev.smalls.schema;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationState;
import dev.smalls.RepairResult;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A process killed with SIGKILL in the middle of a schema migration, at the worst moment:
 * operation 2's DDL has committed, and the progress that says so has not been recorded. The
 * next run must not trip over what it left ("t_5 already exists"): it is refused, naming what
 * took effect, and repair undoes exactly that (the progress the engine recorded, and the
 * schema for the operation in doubt), after which migrate runs normally.
 */
class KilledSchemaMigrationTests {

	private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target").toAbsolutePath();

	@Test
	void mariaDb() throws Exception {
		try (FreshDatabase db = TestDatabase.MARIADB.createFreshDatabase()) {
			interruptAndRepair(db.dataSource(), db.url(), db.username(), db.password());
		}
	}

	@Test
	void h2() throws Exception {
		// A file database, which the killed JVM opens in process. FILE_LOCK=FS is an operating
		// system lock, which dies with the process; WRITE_DELAY=0 makes every commit durable at
		// once, as a server's is (H2 otherwise writes commits up to half a second late).
		Path file = TARGET.resolve("h2-killed").resolve("db_" + UUID.randomUUID().toString().substring(0, 8));
		String url = "jdbc:h2:file:" + file + ";FILE_LOCK=FS;WRITE_DELAY=0";
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(url);
			dataSource.setUsername("sa");
			dataSource.setPassword("");
			// The parent holds no connection while the child runs: H2 opens a file database in one process.
			dataSource.setMinimumIdle(0);
			dataSource.setIdleTimeout(10_000);
			interruptAndRepair(dataSource, url, "sa", "");
		}
	}

	private void interruptAndRepair(javax.sql.DataSource dataSource, String url, String user, String password)
			throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		SmallsMigrator migrator = SmallsMigrator.builder(dataSource)
			.migrations(SampleSchema.MIGRATION, InterruptedSchemaMigrationProcess.MIGRATION)
			.lockTimeout(Duration.ofSeconds(30))
			.build();
		migrator.migrate(1);
		SchemaSnapshot before = snapshot(jdbc);
		evictIdle(dataSource);

		killAfterOperation(2, url, user, password);

		// The next run recognises the interrupted migration, says what of it took effect, and
		// runs nothing past it: no "t_5 already exists".
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("0002_add_t_5 was interrupted while being applied")
			.withMessageContaining("In effect: 1. createTable t_5")
			.withMessageContaining("maybe in effect: 2. addColumn users.nickname VARCHAR(50)")
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).isEqualTo(Problem.INTERRUPTED);
				assertThat(ex.getSequences()).containsExactly(2);
			});
		assertThat(migrator.status().migrations()).extracting(MigrationInfo::sequence, MigrationInfo::state)
			.containsExactly(tuple(1, MigrationState.APPLIED), tuple(2, MigrationState.INTERRUPTED));

		// Repair finds from the schema that operation 2 did take effect, and undoes exactly 2 and 1.
		RepairResult repaired = migrator.repair(2);
		assertThat(repaired.undone()).containsExactly("2. addColumn users.nickname VARCHAR(50)",
				"1. createTable t_5 (id BIGINT numbered by the database PRIMARY KEY, name VARCHAR(50))");
		assertThat(repaired.applied()).isFalse();
		assertThat(snapshot(jdbc).differencesFrom(before)).isEmpty();
		assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.APPLIED, MigrationState.PENDING);

		assertThat(migrator.migrate().applied()).hasSize(1);
		assertThat(SchemaSnapshot.read(jdbc).table("t_5")).isNotNull();
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.repair(2))
			.withMessageContaining("is not an interrupted migration");
	}

	private static void killAfterOperation(int operation, String url, String user, String password)
			throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				InterruptedSchemaMigrationProcess.class.getName(), url, user, password, String.valueOf(operation))
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(),
					StandardCharsets.UTF_8));
			StringBuilder seen = new StringBuilder();
			String line;
			do {
				line = output.readLine();
				seen.append(line).append('\n');
			}
			while (line != null && !line.startsWith(InterruptedSchemaMigrationProcess.STOPPED));
			assertThat(line).as(seen::toString).isEqualTo(InterruptedSchemaMigrationProcess.STOPPED + operation);
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			child.destroyForcibly();
		}
	}

	/** Close the pool's idle connections, so that an embedded database is free for another process. */
	private static void evictIdle(javax.sql.DataSource dataSource) {
		if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
			hikari.getHikariPoolMXBean().softEvictConnections();
		}
	}

	private static SchemaSnapshot snapshot(JdbcTemplate jdbc) {
		return SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT);
	}

}
