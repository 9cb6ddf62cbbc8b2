package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * The portable fallback: a row lock on a one-row lock table ({@code <history table>_lock}),
 * held by an open transaction on a connection of its own. The database rolls that
 * transaction back when the connection dies, so a killed process releases the lock just as a
 * session lock would; a "locked" flag in a row would instead outlive it and block the next
 * start. DDL is assumed not to be transactional.
 */
public class TableLockDialect implements SmallsDialect {

	private final String databaseName;

	public TableLockDialect(String databaseName) {
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
		String table = name + "_lock";
		Connection connection = lockConnection(dataSource);
		try {
			Object previous = applyTimeout(connection, timeout);
			connection.setAutoCommit(false);
			Boolean locked = tryLock(connection, table, timeout, false);
			if (locked == null) {
				connection.setAutoCommit(true);
				createLockTable(connection, table);
				connection.setAutoCommit(false);
				locked = tryLock(connection, table, timeout, true);
			}
			if (!Boolean.TRUE.equals(locked)) {
				release(connection, previous);
				return null;
			}
			return () -> release(connection, previous);
		}
		catch (SQLException | RuntimeException ex) {
			try {
				connection.close();
			}
			catch (SQLException closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			throw ex;
		}
	}

	private static Connection lockConnection(DataSource dataSource) throws SQLException {
		try {
			return dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new LockConnectionException("The table lock holds a connection of its own besides the one "
					+ "that migrates, and the data source lent none: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Lock the row: {@code true} when held, {@code false} when another holder kept it past
	 * the timeout, {@code null} when the table or its row is not there yet (on the first
	 * attempt; on the last, that failure is thrown).
	 */
	private @Nullable Boolean tryLock(Connection connection, String table, Duration timeout, boolean last)
			throws SQLException {
		try (PreparedStatement update = connection.prepareStatement(updateLockRow(table))) {
			update.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
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
			if (isTimeout(ex)) {
				return Boolean.FALSE;
			}
			if (last || !isMissingTable(connection, table, ex)) {
				throw ex;
			}
			return null;
		}
	}

	private void createLockTable(Connection connection, String table) throws SQLException {
		// Two instances may race here: whichever loses is told the table or row exists, and
		// only that is expected.
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE " + table + " (id INT NOT NULL PRIMARY KEY, locked_at " + timestampType()
					+ ")");
		}
		catch (SQLException ex) {
			if (!isAlreadyExists(ex)) {
				throw ex;
			}
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO " + table + " (id) VALUES (1)");
		}
		catch (SQLException ex) {
			String state = ex.getSQLState();
			if (state == null || !state.startsWith("23")) {
				throw ex;
			}
		}
	}

	/**
	 * The statement that takes the row lock.
	 * @param table the lock table
	 * @return an {@code UPDATE} of the row with id 1
	 */
	protected String updateLockRow(String table) {
		return "UPDATE " + table + " SET locked_at = CURRENT_TIMESTAMP WHERE id = 1";
	}

	private void release(Connection connection, @Nullable Object previousTimeout) throws SQLException {
		try {
			connection.rollback();
			connection.setAutoCommit(true);
			restoreTimeout(connection, previousTimeout);
		}
		finally {
			connection.close();
		}
	}

	/**
	 * Whether an exception means "someone else holds the lock".
	 * @param ex the exception
	 * @return {@code true} for a lock or query timeout
	 */
	protected boolean isTimeout(SQLException ex) {
		String state = ex.getSQLState();
		return ex instanceof SQLTimeoutException || ex instanceof SQLTransientException
				|| (state != null && (state.startsWith("HYT") || state.equals("40001") || state.equals("57014")));
	}

	/**
	 * Make lock waits on this connection last up to {@code timeout}.
	 * @param connection the lock's connection
	 * @param timeout how long to wait
	 * @return the setting to restore before the connection goes back to its pool
	 * @throws SQLException on failure
	 */
	protected @Nullable Object applyTimeout(Connection connection, Duration timeout) throws SQLException {
		return null;
	}

	/**
	 * Undo {@link #applyTimeout}.
	 * @param connection the lock's connection
	 * @param previous what {@link #applyTimeout} returned
	 * @throws SQLException on failure
	 */
	protected void restoreTimeout(Connection connection, @Nullable Object previous) throws SQLException {
	}

}
