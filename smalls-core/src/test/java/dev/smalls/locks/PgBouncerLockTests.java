package dev.smalls.locks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationExecution;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.testsupport.LockHolderProcess;
import dev.smalls.testsupport.PgBouncer;
import dev.smalls.testsupport.RaceMigrations;
import dev.smalls.testsupport.RacingInstances;
import dev.smalls.testsupport.RacingInstances.Round;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances of a deployment racing to migrate through PgBouncer in transaction pooling mode,
 * where every transaction may run on a different server connection and a server connection
 * outlives its client: separate JVMs, several rounds, a fresh database each.
 */
@Tag("pgbouncer")
@EnabledIf(value = "dev.smalls.testsupport.PgBouncer#isInstalled", disabledReason = "PgBouncer is not installed ("
		+ PgBouncer.INSTALL + ")")
class PgBouncerLockTests {

	private static final int INSTANCES = 4;

	private static final int MIGRATIONS = 20;

	private static RacingInstances racing;

	@BeforeAll
	static void startInstances() {
		racing = RacingInstances.start(INSTANCES);
	}

	@AfterAll
	static void stopInstances() {
		if (racing != null) {
			racing.close();
		}
	}

	@Test
	void theDefaultLockAppliesEveryMigrationExactlyOnceAndLeavesNoLockBehind() {
		// Users should not need to know which pooler sits in front: no lock setting at all.
		raceRounds(6, LockStrategy.AUTO);
	}

	@Test
	void theTransactionLockAppliesEveryMigrationExactlyOnceAndLeavesNoLockBehind() {
		raceRounds(3, LockStrategy.TRANSACTION);
	}

	private void raceRounds(int rounds, LockStrategy strategy) {
		for (int round = 1; round <= rounds; round++) {
			try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
				JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
				jdbc.execute(RaceMigrations.CREATE_LOG);
				List<String> results = racing.race(Round.through(PgBouncer.inFrontOf(db).url(db), db.username(),
						db.password())
					.strategy(strategy));
				String context = strategy + " round " + round + ": " + results + "\n" + racing.output();
				// Each instance migrated, or waited out its lock timeout cleanly: nothing else.
				assertThat(results).as(context)
					.allSatisfy((result) -> assertThat(result).matches("APPLIED \\d+|LOCK_TIMEOUT .*"));
				assertThat(results.stream().filter((result) -> result.startsWith("APPLIED "))
					.mapToInt((result) -> Integer.parseInt(result.substring("APPLIED ".length())))
					.sum()).as(context).isEqualTo(MIGRATIONS);
				assertThat(loggedSequences(jdbc)).as(context).containsExactlyElementsOf(oneToTwenty());
				assertThat(recordedSequences(jdbc)).as(context).containsExactlyElementsOf(oneToTwenty());
				assertThat(advisoryLocks(jdbc)).as(context).isZero();
				// And a later instance connected directly has nothing to wait for.
				SmallsMigrator direct = SmallsMigrator.builder(db.dataSource())
					.migrations(RaceMigrations.upTo(MIGRATIONS + 1, "direct"))
					.lockTimeout(Duration.ZERO)
					.build();
				assertThat(direct.lockStatus().held()).as(context).isFalse();
				assertThat(direct.migrate().applied()).extracting(MigrationExecution::sequence)
					.containsExactly(MIGRATIONS + 1);
			}
		}
	}

	@Test
	void instancesWaitingForTheTransactionLockLeaveServerConnectionsToTheOneMigrating() {
		// Fewer server connections than instances: the migrating one needs two (its lock's and
		// its run's), so the waiting ones must not keep one each while they wait.
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute(RaceMigrations.CREATE_LOG);
			List<String> results = racing.race(Round.through(PgBouncer.inFrontOf(db, 3).url(db), db.username(),
					db.password())
				.lockTimeout(Duration.ofSeconds(20)));
			String context = results + "\n" + racing.output();
			assertThat(results).as(context).allSatisfy((result) -> assertThat(result).startsWith("APPLIED "));
			assertThat(loggedSequences(jdbc)).as(context).containsExactlyElementsOf(oneToTwenty());
		}
	}

	@Test
	void sessionLocksFailLoudlyNeverApplyAMigrationTwiceAndLeaveNoLockBehind() throws Exception {
		List<String> lost = new ArrayList<>();
		List<String> rounds = new ArrayList<>();
		// At least three rounds; more, up to ten, until an instance has found its lock gone: how
		// soon the pooler hands a locked session to another client is a matter of timing, and a
		// round in which the instances happen to take turns proves nothing about the failure.
		for (int round = 1; round <= 3 || (lost.isEmpty() && round <= 10); round++) {
			try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
				JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
				jdbc.execute(RaceMigrations.CREATE_LOG);
				List<String> results = racing.race(Round.through(PgBouncer.inFrontOf(db).url(db), db.username(),
						db.password())
					.strategy(LockStrategy.SESSION)
					.allTransactional()
					.lockTimeout(Duration.ofSeconds(5)));
				String context = "round " + round + ": " + results + "\n" + racing.output();
				// Each instance migrated, waited in vain, or failed: mostly by finding it had lost the
				// lock. Ending a stranded lock's server session can also cost a client the pooler
				// hands that session to in the same moment its connection.
				assertThat(results).as(context)
					.allSatisfy((result) -> assertThat(result).matches("APPLIED \\d+|LOCK_TIMEOUT .*|FAILED .*"));
				results.stream().filter((result) -> result.contains("no longer held the migration lock")).forEach(lost::add);
				rounds.add("round " + round + ": " + results);
				List<Integer> logged = loggedSequences(jdbc);
				assertThat(logged).as(context).doesNotHaveDuplicates();
				assertThat(recordedSequences(jdbc)).as(context).containsExactlyElementsOf(logged);
				awaitNoAdvisoryLock(jdbc, context);
			}
		}
		// What a session lock does behind a transaction pooler: it does not hold, and says so.
		assertThat(lost).as(String.join("\n", rounds)).isNotEmpty();
	}

	@Test
	void aTransactionLockHolderKilledBehindPgBouncerLeavesNoLockBehind() throws Exception {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			String url = PgBouncer.inFrontOf(db).url(db);
			String java = ProcessHandle.current().info().command().orElse("java");
			Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					LockHolderProcess.class.getName(), url, db.username(), db.password(), "TRANSACTION")
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
				assertThat(advisoryLocks(jdbc)).isOne();

				holder.destroyForcibly();
				assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

				// PgBouncer cannot hand a server session in the middle of a transaction to anyone
				// else: it closes it when its client goes, and the lock goes with it.
				awaitNoAdvisoryLock(jdbc, "a killed holder's lock");
				try (HikariDataSource through = new HikariDataSource()) {
					through.setJdbcUrl(url);
					through.setUsername(db.username());
					through.setPassword(db.password());
					SmallsMigrator next = SmallsMigrator.builder(through)
						.migrations(RaceMigrations.upTo(1, "next", false))
						.lockStrategy(LockStrategy.TRANSACTION)
						.lockTimeout(Duration.ZERO)
						.build();
					jdbc.execute(RaceMigrations.CREATE_LOG);
					assertThat(next.migrate().applied()).hasSize(1);
				}
			}
			finally {
				holder.destroyForcibly();
			}
		}
	}

	private static List<Integer> oneToTwenty() {
		List<Integer> sequences = new ArrayList<>();
		for (int sequence = 1; sequence <= MIGRATIONS; sequence++) {
			sequences.add(sequence);
		}
		return sequences;
	}

	private static List<Integer> loggedSequences(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT sequence_no FROM race_log ORDER BY sequence_no", Integer.class);
	}

	private static List<Integer> recordedSequences(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT sequence_no FROM smalls_history ORDER BY sequence_no", Integer.class);
	}

	/** smalls' advisory locks in this database, whoever holds them. */
	private static int advisoryLocks(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = "
				+ 0x736D6C73L + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
				Integer.class);
	}

	/** A backend told to end goes a moment later: give it a few seconds, no more. */
	private static void awaitNoAdvisoryLock(JdbcTemplate jdbc, String context) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (advisoryLocks(jdbc) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(advisoryLocks(jdbc)).as("advisory locks left behind in " + context).isZero();
	}

}
