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
	private static final int LOCK_CLASS = 0x736D6C73;

	@Override
	public @Nullable MigrationLock lock(Connection session, DataSource dataSource, String name, Duration timeout)
			throws SQLException {
		int key = name.hashCode();
		boolean acquired = Polling.until(timeout, () -> tryLock(session, key));
		if (!acquired) {
			return null;
		}
		return () -> {
			try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
				unlock.setInt(1, LOCK_CLASS);
				unlock.setInt(2, key);
				unlock.execute();
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
	public boolean supportsTransactionalDdl() {
		return true;
	}

	@Override
	public String databaseName() {
		return "PostgreSQL";
	}

}
