package dev.smalls.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.smalls.testsupport.TestDatabase.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proves the test databases work: fresh, isolated, pooled, and with session locks that
 * end with their connection.
 */
class TestDatabaseSmokeTests {

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void freshDatabaseStoresAndReadsRows(TestDatabase kind) {
		try (FreshDatabase database = kind.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			jdbc.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(50))");
			jdbc.update("INSERT INTO item (id, name) VALUES (?, ?)", 1, "one");
			assertThat(jdbc.queryForObject("SELECT name FROM item WHERE id = 1", String.class)).isEqualTo("one");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void freshDatabasesAreIsolated(TestDatabase kind) {
		try (FreshDatabase first = kind.createFreshDatabase(); FreshDatabase second = kind.createFreshDatabase()) {
			assertThat(first.url()).isNotEqualTo(second.url());
			JdbcTemplate one = new JdbcTemplate(first.dataSource());
			JdbcTemplate two = new JdbcTemplate(second.dataSource());
			one.execute("CREATE TABLE item (id INT PRIMARY KEY)");
			one.update("INSERT INTO item (id) VALUES (1)");
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> two.queryForObject("SELECT COUNT(*) FROM item", Integer.class));
			two.execute("CREATE TABLE item (id INT PRIMARY KEY)");
			assertThat(two.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isZero();
			assertThat(one.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isOne();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void poolServesEightConcurrentConnections(TestDatabase kind) throws SQLException {
		try (FreshDatabase database = kind.createFreshDatabase()) {
			List<Connection> connections = new ArrayList<>();
			try {
				for (int i = 0; i < 8; i++) {
					connections.add(database.dataSource().getConnection());
				}
				for (Connection connection : connections) {
					assertThat(connection.isValid(5)).isTrue();
				}
			}
			finally {
				for (Connection connection : connections) {
					connection.close();
				}
			}
		}
	}

	@Test
	void postgresqlAdvisoryLockIsHeldUntilItsConnectionCloses() throws Exception {
		assertSessionLock(TestDatabase.postgresql(), "SELECT pg_try_advisory_lock(4242)");
	}

	@Test
	void mariadbNamedLockIsHeldUntilItsConnectionCloses() throws Exception {
		assertSessionLock(TestDatabase.mariadb(), "SELECT GET_LOCK('smalls-smoke', 0)");
	}

	private void assertSessionLock(TestDatabase kind, String tryLock) throws Exception {
		try (FreshDatabase database = kind.createFreshDatabase(); Connection other = database.openConnection()) {
			Connection holder = database.openConnection();
			assertThat(queryBoolean(holder, tryLock)).isTrue();
			assertThat(queryBoolean(other, tryLock)).isFalse();
			holder.close();
			// The server ends the closed session asynchronously.
			assertThat(eventually(() -> queryBoolean(other, tryLock), Duration.ofSeconds(5))).isTrue();
		}
	}

	private static boolean queryBoolean(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
			resultSet.next();
			return resultSet.getBoolean(1);
		}
	}

	private static boolean eventually(SqlCondition condition, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.test()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

	@FunctionalInterface
	private interface SqlCondition {

		boolean test() throws SQLException;

	}

}
