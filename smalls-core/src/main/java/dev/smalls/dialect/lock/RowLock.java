package dev.smalls.dialect.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * The {@code transaction} lock of databases without advisory locks: row 1 of a
 * lock table ({@code <history table>_lock}), updated by a transaction kept open on a
 * connection of its own for the whole run. The database rolls that transaction back when
 * the connection dies, so a killed process releases the lock at once; a "locked" flag in a
 * row would outlive it. Row 2 names the holder, for whoever has to wait.
 * <p>
 * The lock can be lost while its holder lives (the lock session killed, an idle-transaction
 * timeout): {@link #verify} checks before each migration commits that the lock's session is
 * alive, and fails if it is gone.
 */
final class RowLock implements MigrationLock {

	private final Connection connection;

	private final String table;

	private final RowLockWaits waits;

	private final @Nullable Object previousTimeout;

	private RowLock(Connection connection, String table, RowLockWaits waits, @Nullable Object previousTimeout) {
		this.connection = connection;
		this.table = table;
		this.waits = waits;
		this.previousTimeout = previousTimeout;
	}

	/**
	 * Take the lock, waiting up to the request's timeout.
	 * @param request what the run asks
	 * @param dialect the database's dialect, for its type names and error recognition
	 * @param waits how this database bounds a wait for a row lock
	 * @return the lock, or {@code null} if another holder kept it past the timeout
	 * @throws SQLException if the table cannot be created or the lock taken
	 */
	static @Nullable RowLock acquire(LockRequest request, TableSupport dialect, RowLockWaits waits) throws SQLException {
		String table = request.table();
		Connection connection = connectionOfItsOwn(request.dataSource());
		try {
			Object previous = waits.apply(connection, request.timeout());
			connection.setAutoCommit(false);
			Boolean locked = tryLock(connection, table, request, waits, false);
			if (locked == null) {
				// First use: create the table and its rows, outside the lock's transaction.
				connection.setAutoCommit(true);
				ensureTable(connection, table, dialect);
				connection.setAutoCommit(false);
				locked = tryLock(connection, table, request, waits, true);
			}
			if (!Boolean.TRUE.equals(locked)) {
				end(connection, waits, previous);
				return null;
			}
			RowLock lock = new RowLock(connection, table, waits, previous);
			lock.nameHolder(request.session());
			return lock;
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection, ex);
			throw ex;
		}
	}

	/**
	 * Lock row 1: {@code true} when held, {@code false} when another holder kept it past the
	 * timeout, {@code null} when the table or its row is not there yet (on the first attempt;
	 * on the last, that is an error).
	 */
	private static @Nullable Boolean tryLock(Connection connection, String table, LockRequest request, RowLockWaits waits,
			boolean last) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement(touch(table))) {
			update.setQueryTimeout((int) Math.max(1, (request.timeout().toMillis() + 999) / 1000));
			if (update.executeUpdate() == 1) {
				return Boolean.TRUE;
			}
			if (last) {
				throw new SQLException("The lock table " + table + " has no row with id 1 and none could be added");
			}
			return null;
		}
		catch (SQLException ex) {
			connection.rollback();
			if (waits.isTimeout(ex)) {
				return Boolean.FALSE;
			}
			if (last) {
				throw ex;
			}
			return null;
		}
	}

	private static Connection connectionOfItsOwn(DataSource dataSource) throws SQLException {
		try {
			return dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new LockConnectionException("The transaction lock holds a connection of its own besides the one "
					+ "that migrates, and the data source lent none: " + ex.getMessage(), ex);
		}
	}

	/** Create the table and its two rows if missing. Two instances may race: losing that race is fine. */
	private static void ensureTable(Connection connection, String table, TableSupport dialect) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE " + table + " (id INT NOT NULL PRIMARY KEY, locked_at "
					+ dialect.timestampType() + ", holder VARCHAR(255))");
		}
		catch (SQLException ex) {
			if (!dialect.isAlreadyExists(ex)) {
				throw ex;
			}
		}
		for (int id = 1; id <= 2; id++) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO " + table + " (id) VALUES (" + id + ")");
			}
			catch (SQLException ex) {
				if (!dialect.isDuplicateKey(ex)) {
					throw ex;
				}
			}
		}
	}

	private static String touch(String table) {
		return "UPDATE " + table + " SET locked_at = CURRENT_TIMESTAMP WHERE id = 1";
	}

	/** Row 2, outside the lock's transaction, so that a waiting instance can read who holds row 1. */
	private void nameHolder(Connection session) throws SQLException {
		try (PreparedStatement update = session
			.prepareStatement("UPDATE " + this.table + " SET locked_at = ?, holder = ? WHERE id = 2")) {
			update.setTimestamp(1, Timestamp.from(Instant.now()));
			update.setString(2, ThisProcess.NAME);
			update.executeUpdate();
		}
	}

	/**
	 * Who holds the lock, by row 2: only meaningful while row 1 is locked.
	 * @param connection any connection
	 * @param table the lock table
	 * @return the holder, or {@code null} if none was ever named
	 * @throws SQLException if the table cannot be read
	 */
	static @Nullable LockHolder holder(Connection connection, String table) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT holder, locked_at FROM " + table + " WHERE id = 2")) {
			if (!row.next() || row.getString(1) == null) {
				return null;
			}
			Timestamp since = row.getTimestamp(2);
			return new LockHolder("process " + row.getString(1), (since != null) ? since.toInstant() : null);
		}
	}

	@Override
	public void verify(Connection work) throws SQLException {
		// The row stays locked as long as the lock's transaction stays open, which it does as
		// long as its session lives: ask the driver whether it does (on embedded H2 without a
		// statement; elsewhere a ping), before each migration commits.
		boolean alive;
		try {
			alive = this.connection.isValid(5);
		}
		catch (SQLException ex) {
			alive = false;
		}
		if (!alive) {
			throw new SQLException("The session holding the migration lock in " + this.table + " is gone: another "
					+ "instance may hold the lock now");
		}
	}

	@Override
	public void close() throws SQLException {
		end(this.connection, this.waits, this.previousTimeout);
	}

	private static void end(Connection connection, RowLockWaits waits, @Nullable Object previousTimeout) throws SQLException {
		try {
			connection.rollback();
			connection.setAutoCommit(true);
			waits.restore(connection, previousTimeout);
		}
		finally {
			connection.close();
		}
	}

	private static void closeQuietly(Connection connection, Exception failure) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

}
