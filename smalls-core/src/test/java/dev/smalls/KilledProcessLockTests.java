package dev.smalls;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.smalls.testsupport.LockHolderProcess;
import dev.smalls.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A pod killed mid-migration must not leave a lock behind: another JVM takes the lock, is
 * killed with SIGKILL, and the next migrator gets the lock.
 */
class KilledProcessLockTests {

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "MARIADB" })
	void aLockHeldByAKilledProcessDoesNotBlockTheNextStart(TestDatabase database) throws Exception {
		TestDatabase.FreshDatabase db = database.createFreshDatabase();
		String java = ProcessHandle.current().info().command().orElse("java");
		Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				LockHolderProcess.class.getName(), db.url(), db.username(), db.password())
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader output = new BufferedReader(
					new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
			String line;
			do {
				line = output.readLine();
			}
			while (line != null && !line.startsWith("LOCKED") && !line.startsWith("NOT LOCKED"));
			assertThat(line).isEqualTo("LOCKED");
			SmallsMigrator impatient = SmallsMigrator.builder(db.dataSource())
				.migrations(SqlMigration.table(1))
				.lockTimeout(Duration.ofMillis(500))
				.build();
			assertThatExceptionOfType(SmallsLockException.class).isThrownBy(impatient::migrate);

			holder.destroyForcibly();
			assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

			SmallsMigrator next = SmallsMigrator.builder(db.dataSource())
				.migrations(SqlMigration.table(1))
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			assertThat(next.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(1);
		}
		finally {
			holder.destroyForcibly();
		}
	}

}
