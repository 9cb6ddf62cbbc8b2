package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: a session-level advisory lock, released by the server when the connection
 * ends, so a killed process cannot leave it held. DDL is transactional.
 */
public class PostgresDialect implements SmallsDialect {

	/** The advisory lock's first key: "smls", so the lock is recognisable in pg_locks. */
	static final int LOCK_CLASS = 0x736D6C73;

	@Override
	public String databaseName() {
		return "PostgreSQL";
	}

	@Override
	public boolean supportsTransactionalDdl() {
		return true;
	}

	@Override
	public @Nullable MigrationLock lock(Connection session, DataSource dataSource, String name, Duration timeout)
			throws SQLException {
		int key = name.hashCode();
		if (!Polling.until(timeout, () -> tryLock(session, key))) {
			return null;
		}
		return () -> {
			try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
				unlock.setInt(1, LOCK_CLASS);
				unlock.setInt(2, key);
				try (ResultSet result = unlock.executeQuery()) {
					if (!result.next() || !result.getBoolean(1)) {
						// Behind a pooler the unlock can land on another server session: say so
						// rather than pretend the lock is gone.
						throw new SQLException("pg_advisory_unlock found no smalls lock held by this session");
					}
				}
			}
		};
	}

	private boolean tryLock(Connection session, int key) throws SQLException {
		try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
			lock.setInt(1, LOCK_CLASS);
			lock.setInt(2, key);
			try (ResultSet result = lock.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	@Override
	public boolean isMissingTable(Connection connection, String table, SQLException failure) {
		return "42P01".equals(failure.getSQLState());
	}

}
