package dev.smalls.dialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * MariaDB and MySQL keep the limits in the session, so they are read before a step, set, and
 * set back after it: the lock timeout as {@code lock_wait_timeout} (metadata locks, which
 * {@code ALTER TABLE} waits for) and {@code innodb_lock_wait_timeout} (row locks), both in
 * whole seconds, rounded up; the statement timeout as MariaDB's {@code max_statement_time}
 * (MySQL has no equivalent for DDL: there it is ignored). A lock timeout is error 1205, for
 * both kinds of lock; the sessions that held it are the ones with an InnoDB transaction
 * ({@code information_schema.INNODB_TRX}) open since before the step, as
 * {@code PROCESSLIST} shows them.
 */
final class MySqlDdlTimeouts implements DdlTimeouts {

	private static final int LOCK_WAIT_TIMEOUT = 1205;

	private final boolean mariaDb;

	MySqlDdlTimeouts(boolean mariaDb) {
		this.mariaDb = mariaDb;
	}

	@Override
	public @Nullable Object apply(Connection connection, Limits limits, boolean inTransaction) throws SQLException {
		List<String> names = new ArrayList<>();
		List<String> values = new ArrayList<>();
		if (limits.lockTimeout() != null) {
			String seconds = Long.toString(Math.max(1, (limits.lockTimeout().toMillis() + 999) / 1000));
			names.add("lock_wait_timeout");
			values.add(seconds);
			names.add("innodb_lock_wait_timeout");
			values.add(seconds);
		}
		if (limits.statementTimeout() != null && this.mariaDb) {
			names.add("max_statement_time");
			values.add(BigDecimal.valueOf(Math.max(1, limits.statementTimeout().toMillis()), 3).toPlainString());
		}
		if (names.isEmpty()) {
			return null;
		}
		List<String> previous = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			try (ResultSet result = statement.executeQuery("SELECT " + String.join(", ",
					names.stream().map((name) -> "@@SESSION." + name).toList()))) {
				result.next();
				for (int i = 1; i <= names.size(); i++) {
					// Numbers the server gave: written back as they came.
					previous.add(result.getBigDecimal(i).toPlainString());
				}
			}
			statement.execute(assignments(names, values));
		}
		return new Saved(names, previous);
	}

	@Override
	public void restore(Connection connection, Object saved) throws SQLException {
		Saved previous = (Saved) saved;
		try (Statement statement = connection.createStatement()) {
			statement.execute(assignments(previous.names(), previous.values()));
		}
	}

	private static String assignments(List<String> names, List<String> values) {
		List<String> assignments = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			assignments.add(names.get(i) + " = " + values.get(i));
		}
		return "SET SESSION " + String.join(", ", assignments);
	}

	@Override
	public boolean isLockTimeout(SQLException failure) {
		return failure.getErrorCode() == LOCK_WAIT_TIMEOUT;
	}

	@Override
	public List<Blocker> blockers(Connection connection, Duration waited) throws SQLException {
		String sql = "SELECT p.ID, p.USER, p.COMMAND, p.STATE, p.INFO, "
				+ "TIMESTAMPDIFF(MICROSECOND, t.trx_started, NOW(6)) DIV 1000 FROM information_schema.INNODB_TRX t "
				+ "JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id "
				+ "WHERE p.ID <> CONNECTION_ID() AND p.DB = DATABASE() "
				+ "AND TIMESTAMPDIFF(MICROSECOND, t.trx_started, NOW(6)) DIV 1000 >= " + waited.toMillis()
				+ " ORDER BY t.trx_started LIMIT 5";
		List<Blocker> blockers = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				long id = result.getLong(1);
				String command = result.getString(3);
				String state = result.getString(4);
				String doing = "Sleep".equalsIgnoreCase(command) ? "idle in transaction"
						: (state != null && !state.isBlank()) ? command + ": " + state : command;
				blockers.add(new Blocker(Long.toString(id), result.getString(2), doing, result.getString(5),
						Duration.ofMillis(result.getLong(6)), "KILL " + id));
			}
		}
		return blockers;
	}

	private record Saved(List<String> names, List<String> values) {
	}

}
