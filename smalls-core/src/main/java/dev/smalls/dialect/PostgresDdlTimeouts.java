package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: {@code lock_timeout} and {@code statement_timeout}. A transactional step gets
 * them for its transaction only, from {@link PostgresStepStatements} ({@code set_config(..,
 * true)}); a step outside a transaction gets them for the session, read first and set back
 * afterwards ({@code set_config(.., false)}), so that a pooled connection goes back as it came.
 * A lock timeout is SQL state {@code 55P03}; the sessions that held the lock come from
 * {@code pg_stat_activity} and {@code pg_locks}.
 */
final class PostgresDdlTimeouts implements DdlTimeouts {

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	@Override
	public @Nullable Object apply(Connection connection, Limits limits, boolean inTransaction) throws SQLException {
		if (inTransaction || !limits.any()) {
			return null;
		}
		Map<String, String> wanted = new LinkedHashMap<>();
		if (limits.lockTimeout() != null) {
			wanted.put("lock_timeout", millis(limits.lockTimeout()));
		}
		if (limits.statementTimeout() != null) {
			wanted.put("statement_timeout", millis(limits.statementTimeout()));
		}
		Map<String, String> previous = new LinkedHashMap<>();
		for (String name : wanted.keySet()) {
			previous.put(name, set(connection, name, wanted.get(name)));
		}
		return previous;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void restore(Connection connection, Object saved) throws SQLException {
		for (Map.Entry<String, String> setting : ((Map<String, String>) saved).entrySet()) {
			set(connection, setting.getKey(), setting.getValue());
		}
	}

	/** Set a setting for the session; returns the value it had. */
	private static String set(Connection connection, String name, String value) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT current_setting(?), set_config(?, ?, false)")) {
			statement.setString(1, name);
			statement.setString(2, name);
			statement.setString(3, value);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getString(1);
			}
		}
	}

	static String millis(Duration duration) {
		return Long.toString(Math.max(1, duration.toMillis()));
	}

	@Override
	public boolean isLockTimeout(SQLException failure) {
		return LOCK_NOT_AVAILABLE.equals(failure.getSQLState());
	}

	@Override
	public List<Blocker> blockers(Connection connection, Duration waited) throws SQLException {
		// Sessions of this database holding a lock on a table (or index) in a transaction begun
		// before the step: those that queued behind the step began theirs later.
		String sql = "SELECT a.pid, a.usename, a.state, a.query, "
				+ "CAST(EXTRACT(EPOCH FROM (clock_timestamp() - a.xact_start)) * 1000 AS BIGINT) "
				+ "FROM pg_stat_activity a WHERE a.pid <> pg_backend_pid() AND a.datname = current_database() "
				+ "AND a.xact_start <= clock_timestamp() - CAST(? AS BIGINT) * INTERVAL '1 millisecond' "
				+ "AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted AND l.locktype = 'relation') "
				+ "ORDER BY a.xact_start LIMIT 5";
		List<Blocker> blockers = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, waited.toMillis());
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					int pid = result.getInt(1);
					blockers.add(new Blocker(Integer.toString(pid), result.getString(2), result.getString(3),
							result.getString(4), Duration.ofMillis(result.getLong(5)),
							"SELECT pg_terminate_backend(" + pid + ")"));
				}
			}
		}
		return blockers;
	}

}
