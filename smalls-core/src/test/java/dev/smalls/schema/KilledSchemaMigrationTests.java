package dev.smalls.schema;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A process killed with SIGKILL in the middle of a schema migration, at the worst moment:
 * operation 2's DDL has committed, and the progress that says so has not been recorded. The
 * next run must not trip over what it left ("t_5 already exists") without a way out: the
 * recorded progress and a snapshot say which operations took effect, and undoing exactly those
 * lets migrate run normally again.
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
		Path progressFile = Files.createDirectories(TARGET.resolve("tmp"))
			.resolve("progress-" + UUID.randomUUID() + ".txt");

		killAfterOperation(2, url, user, password, progressFile);

		// What the marker says: operation 1 took effect, operation 2 may have.
		List<String> recorded = Files.readAllLines(progressFile);
		assertThat(recorded).last().isEqualTo("1 2");
		String[] progress = recorded.get(recorded.size() - 1).split(" ");
		// Without repair, the next run trips over what the killed one left.
		assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
			.withMessageMatching("(?is).*table [\"'](PUBLIC\\.)?t_5[\"'] already exists.*");

		SchemaPlan plan = SchemaPlan.of(InterruptedSchemaMigrationProcess.MIGRATION);
		SmallsDialect dialect = SmallsDialects.current(jdbc);
		int state = plan.stateOf(Integer.parseInt(progress[0]), Integer.parseInt(progress[1]), SchemaSnapshot.read(jdbc),
				dialect);
		assertThat(plan.operations().subList(0, state)).containsExactly(
				"createTable t_5 (id BIGINT numbered by the database PRIMARY KEY, name VARCHAR(50))",
				"addColumn users.nickname VARCHAR(50)");
		plan.run(jdbc, dialect, state, 0);

		assertThat(snapshot(jdbc).differencesFrom(before)).isEmpty();
		assertThat(migrator.migrate().applied()).hasSize(1);
		assertThat(SchemaSnapshot.read(jdbc).table("t_5")).isNotNull();
	}

	private static void killAfterOperation(int operation, String url, String user, String password, Path progressFile)
			throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				InterruptedSchemaMigrationProcess.class.getName(), url, user, password, progressFile.toString(),
				String.valueOf(operation))
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
		return SchemaSnapshot.read(jdbc).without("smalls_history", "smalls_history_lock");
	}

}
