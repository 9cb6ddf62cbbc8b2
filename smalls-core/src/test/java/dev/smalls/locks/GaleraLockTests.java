package dev.smalls.locks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.LockStatus;
import dev.smalls.MigrationExecution;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.lock.LockRequest;
import dev.smalls.dialect.lock.MigrationLock;
import dev.smalls.testsupport.GaleraCluster;
import dev.smalls.testsupport.Locking;
import dev.smalls.testsupport.RacingInstances;
import dev.smalls.testsupport.RacingInstances.Round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A MariaDB Galera cluster of three nodes, an instance connected to each: only a lock whose
 * every change is a replicated, certified row write holds across nodes. {@code GET_LOCK} and
 * row locks are each node's own.
 */
@Tag("galera")
@EnabledIf(value = "dev.smalls.testsupport.GaleraCluster#isInstalled",
		disabledReason = "MariaDB Galera is not installed (" + GaleraCluster.INSTALL + ")")
class GaleraLockTests {

	private static final int MIGRATIONS = 20;

	private static GaleraCluster cluster;

	private static RacingInstances racing;

	@BeforeAll
	static void startCluster() {
		cluster = GaleraCluster.get();
		racing = RacingInstances.start(3);
	}

	@AfterAll
	static void stopInstances() {
		if (racing != null) {
			racing.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = LockStrategy.class, names = { "AUTO", "LEASE" })
	void instancesOnEveryNodeApplyEachMigrationExactlyOnce(LockStrategy strategy) {
		for (int round = 1; round <= 3; round++) {
			String database = cluster.createDatabase();
			execute(database, "CREATE TABLE race_log (id INT AUTO_INCREMENT PRIMARY KEY, sequence_no INT NOT NULL, "
					+ "instance VARCHAR(40) NOT NULL)");
			List<String> results = racing.race(Round.through(cluster.url(0, database), cluster.username(), cluster.password())
				.eachThrough((instance) -> cluster.url(instance, database))
				.strategy(strategy));
			String context = strategy + " round " + round + ": " + results + "\n" + racing.output();
			assertThat(results).as(context)
				.allSatisfy((result) -> assertThat(result).matches("APPLIED \\d+|LOCK_TIMEOUT .*"));
			assertThat(results.stream().filter((result) -> result.startsWith("APPLIED "))
				.mapToInt((result) -> Integer.parseInt(result.substring("APPLIED ".length())))
				.sum()).as(context).isEqualTo(MIGRATIONS);
			String oneToTwenty = String.join(",", IntStream.rangeClosed(1, MIGRATIONS).mapToObj(Integer::toString).toList());
			for (int node = 0; node < 3; node++) {
				// What every node holds, once it has applied what the others committed.
				int n = node;
				String logged = awaitValue(() -> cluster.query(n, database,
						"SELECT GROUP_CONCAT(sequence_no ORDER BY sequence_no) FROM race_log"), oneToTwenty);
				assertThat(logged).as(context).isEqualTo(oneToTwenty);
				assertThat(cluster.query(node, database,
						"SELECT GROUP_CONCAT(sequence_no ORDER BY sequence_no) FROM smalls_history")).as(context)
					.isEqualTo(oneToTwenty);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = LockStrategy.class, names = { "SESSION", "TRANSACTION" })
	void locksThatAreEachNodesOwnAreRefusedNamingTheLease(LockStrategy strategy) {
		String database = cluster.createDatabase();
		SmallsMigrator migrator = SmallsMigrator.builder(dataSource(0, database))
			.migrations(SqlMigration.table(1))
			.lockStrategy(strategy)
			.build();
		assertThatExceptionOfType(SmallsLockException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("cannot take a " + strategy.name().toLowerCase(Locale.ROOT) + " lock on MariaDB Galera")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("lease"));
		assertThat(cluster.query(0, database, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
				+ database + "' AND TABLE_NAME = 't1'")).isEqualTo("0");
	}

	@Test
	void aLeaseTakenThroughOneNodeIsSeenHeldWithItsHolderThroughAnother() throws Exception {
		String database = cluster.createDatabase();
		SmallsMigrator elsewhere = SmallsMigrator.builder(dataSource(2, database))
			.migrations(SqlMigration.table(1), SqlMigration.table(2))
			.lockTimeout(Duration.ofMillis(500))
			.build();
		// A database migrated before (a lock can only be held on one).
		assertThat(elsewhere.migrate(1).applied()).hasSize(1);
		assertThat(elsewhere.lockStatus().held()).isFalse();
		try (Connection connection = DriverManager.getConnection(cluster.url(0, database), cluster.username(),
				cluster.password());
				MigrationLock held = Locking.take(LockStrategy.AUTO, Locking.request(connection,
						dataSource(0, database), Duration.ofSeconds(5), LockRequest.DEFAULT_LEASE))) {
			assertThat(held).isNotNull();
			LockStatus status = awaitHeld(elsewhere);
			assertThat(status.holder()).contains("process " + ProcessHandle.current().pid() + "@");
			assertThatExceptionOfType(SmallsLockException.class).isThrownBy(elsewhere::migrate)
				.withMessageContaining("it is held by process " + ProcessHandle.current().pid() + "@");
		}
		assertThat(awaitValue(() -> Boolean.toString(elsewhere.lockStatus().held()), "false")).isEqualTo("false");
		assertThat(elsewhere.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(2);
	}

	private static LockStatus awaitHeld(SmallsMigrator migrator) {
		awaitValue(() -> Boolean.toString(migrator.lockStatus().held()), "true");
		return migrator.lockStatus();
	}

	/** A node applies what another committed a moment later: wait for it, a few seconds at most. */
	private static String awaitValue(Supplier<String> read, String expected) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String value = read.get();
		while (!expected.equals(value) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			value = read.get();
		}
		return value;
	}

	private static DriverManagerDataSource dataSource(int node, String database) {
		return new DriverManagerDataSource(cluster.url(node, database), cluster.username(), cluster.password());
	}

	private static void execute(String database, String... statements) {
		try (Connection connection = DriverManager.getConnection(cluster.url(0, database), cluster.username(),
				cluster.password()); Statement statement = connection.createStatement()) {
			for (String sql : Arrays.asList(statements)) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
