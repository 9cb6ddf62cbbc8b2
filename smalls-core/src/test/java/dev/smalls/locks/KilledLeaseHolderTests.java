package dev.smalls.locks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.smalls.MigrationExecution;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.testsupport.LockHolderProcess;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A lease outlives a holder killed with SIGKILL by no more than the lease itself: nobody
 * renews it, it runs out, and the next instance migrates.
 */
class KilledLeaseHolderTests {

	private static final Duration LEASE = Duration.ofMillis(1500);

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "MARIADB", "SQLITE" })
	void theNextInstanceWaitsNoLongerThanTheLeaseOfAKilledHolder(TestDatabase database) throws Exception {
		try (FreshDatabase db = database.createFreshDatabase()) {
			String java = ProcessHandle.current().info().command().orElse("java");
			Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					LockHolderProcess.class.getName(), db.url(), db.username(), db.password(), "LEASE",
					Long.toString(LEASE.toMillis()))
				.redirectErrorStream(true)
				.start();
			try {
				assertThat(awaitLocked(holder)).isEqualTo("LOCKED");
				// Held while its holder lives (and renews it), longer than the lease itself.
				assertThatExceptionOfType(SmallsLockException.class)
					.isThrownBy(migrator(db, LEASE.multipliedBy(2))::migrate)
					.withMessageContaining("it is held by process " + holder.pid() + "@");

				holder.destroyForcibly();
				assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

				// Waits for the lease to run out: a timeout of the lease and a little more is enough.
				SmallsMigrator next = migrator(db, LEASE.plusSeconds(2));
				assertThat(next.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(1);
			}
			finally {
				holder.destroyForcibly();
			}
		}
	}

	private static SmallsMigrator migrator(FreshDatabase db, Duration lockTimeout) {
		return SmallsMigrator.builder(db.dataSource())
			.migrations(SqlMigration.table(1))
			.lockStrategy(LockStrategy.LEASE)
			.lockLease(LEASE)
			.lockTimeout(lockTimeout)
			.build();
	}

	private static String awaitLocked(Process holder) throws Exception {
		BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
		String line;
		do {
			line = output.readLine();
		}
		while (line != null && !line.startsWith("LOCKED") && !line.startsWith("NOT LOCKED"));
		return line;
	}

}
