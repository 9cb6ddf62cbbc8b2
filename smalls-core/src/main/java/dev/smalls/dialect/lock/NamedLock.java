package dev.smalls.dialect.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * MariaDB's and MySQL's {@code GET_LOCK}, held by the run's session and released by the
 * server when the connection ends. Before each migration commits, the history change checks
 * that this session still holds it ({@code IS_USED_LOCK(..) = CONNECTION_ID()}).
 * <p>
 * Galera clusters do not replicate {@code GET_LOCK} (seen on MariaDB 10.11 with Galera 26.4):
 * on their nodes smalls uses the lease ({@code GaleraDialect}).
 */
final class NamedLock implements MigrationLock {

	/** The server refuses lock names over 64 characters. */
	private static final int MAX_LOCK_NAME = 64;

	private final Connection session;

	private final String lockName;

	private NamedLock(Connection session, String lockName) {
		this.session = session;
		this.lockName = lockName;
	}

	static @Nullable NamedLock acquire(LockRequest request) throws SQLException {
		String lockName = lockName(request.session(), request.name());
		try (PreparedStatement lock = request.session().prepareStatement("SELECT GET_LOCK(?, ?)")) {
			lock.setString(1, lockName);
			lock.setLong(2, Math.max(0, (request.timeout().toMillis() + 999) / 1000));
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				int acquired = result.getInt(1);
				if (result.wasNull()) {
					// NULL is an error (out of memory, a killed thread), not "somebody else has it".
					throw new SQLException("GET_LOCK('" + lockName + "') returned NULL: the server could not take "
							+ "the lock");
				}
				return (acquired == 1) ? new NamedLock(request.session(), lockName) : null;
			}
		}
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
	public String heldCondition() {
		return "IS_USED_LOCK(" + literal(this.lockName) + ") = CONNECTION_ID()";
	}

	private static String literal(String text) {
		return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
	}

	@Override
	public void close() throws SQLException {
		try (PreparedStatement unlock = this.session.prepareStatement("SELECT RELEASE_LOCK(?)")) {
			unlock.setString(1, this.lockName);
			try (ResultSet result = unlock.executeQuery()) {
				if (!result.next() || result.getInt(1) != 1) {
					throw new SQLException("RELEASE_LOCK('" + this.lockName + "') found no lock held by this session");
				}
			}
		}
	}

	/**
	 * Who holds the lock: the connection {@code IS_USED_LOCK} names, as the process list
	 * shows it.
	 * @param connection any connection to the server
	 * @param name the lock's name
	 * @return the holder, or {@code null} if nobody holds it
	 * @throws SQLException if the server cannot be asked
	 */
	static @Nullable LockHolder holder(Connection connection, String name) throws SQLException {
		String lockName = lockName(connection, name);
		try (PreparedStatement query = connection.prepareStatement("SELECT p.ID, p.USER, p.HOST, p.TIME "
				+ "FROM information_schema.PROCESSLIST p WHERE p.ID = IS_USED_LOCK(?)")) {
			query.setString(1, lockName);
			try (ResultSet row = query.executeQuery()) {
				if (!row.next()) {
					return null;
				}
				// The process list knows how long the connection has been in its current state, not
				// since when it holds the lock.
				return new LockHolder("connection " + row.getLong(1) + " (user " + row.getString(2) + " from "
						+ row.getString(3) + ", in its current state for " + row.getLong(4) + " s)", null);
			}
		}
	}

}
