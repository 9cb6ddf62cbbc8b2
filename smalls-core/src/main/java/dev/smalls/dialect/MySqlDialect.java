package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * MariaDB and MySQL: a named {@code GET_LOCK}, held by the session and released by the server
 * when the connection ends. DDL commits implicitly, so it cannot be rolled back.
 */
public class MySqlDialect implements SmallsDialect {

	/** The server refuses lock names over 64 characters. */
	private static final int MAX_LOCK_NAME = 64;

	private final String databaseName;

	public MySqlDialect(String databaseName) {
		this.databaseName = databaseName;
	}

	@Override
	public String databaseName() {
		return this.databaseName;
	}

	@Override
	public boolean supportsTransactionalDdl() {
		return false;
	}

	@Override
	public @Nullable MigrationLock lock(Connection session, DataSource dataSource, String name, Duration timeout)
			throws SQLException {
		String lockName = lockName(session, name);
		try (PreparedStatement lock = session.prepareStatement("SELECT GET_LOCK(?, ?)")) {
			lock.setString(1, lockName);
			lock.setLong(2, Math.max(0, (timeout.toMillis() + 999) / 1000));
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				int acquired = result.getInt(1);
				if (result.wasNull()) {
					// NULL is an error (out of memory, a killed thread), not "somebody else has it".
					throw new SQLException("GET_LOCK('" + lockName + "') returned NULL: the server could not take "
							+ "the lock");
				}
				if (acquired != 1) {
					return null;
				}
			}
		}
		return () -> {
			try (PreparedStatement unlock = session.prepareStatement("SELECT RELEASE_LOCK(?)")) {
				unlock.setString(1, lockName);
				try (ResultSet result = unlock.executeQuery()) {
					if (!result.next() || result.getInt(1) != 1) {
						throw new SQLException("RELEASE_LOCK('" + lockName + "') found no lock held by this session");
					}
				}
			}
		};
	}

	/** GET_LOCK names are server-wide: include the schema so two databases do not block each other. */
	static String lockName(Connection session, String name) throws SQLException {
		String catalog = session.getCatalog();
		String lockName = "smalls:" + ((catalog != null) ? catalog + "." : "") + name;
		return (lockName.length() <= MAX_LOCK_NAME) ? lockName
				: "smalls:" + Integer.toHexString(lockName.hashCode()) + ":"
						+ lockName.substring(lockName.length() - (MAX_LOCK_NAME - 17));
	}

	@Override
	public String timestampType() {
		// TIMESTAMP columns may get an implicit ON UPDATE CURRENT_TIMESTAMP here; DATETIME never does.
		return "DATETIME(3)";
	}

	@Override
	public boolean isMissingTable(Connection connection, String table, SQLException failure) {
		return "42S02".equals(failure.getSQLState());
	}

}
