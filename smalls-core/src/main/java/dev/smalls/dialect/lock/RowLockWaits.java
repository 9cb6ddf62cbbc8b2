package dev.smalls.dialect.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a database bounds the wait for a locked row.
 */
public interface RowLockWaits {

	/** Waits bounded by the JDBC query timeout, and the SQL states that report one. */
	RowLockWaits QUERY_TIMEOUT = new RowLockWaits() {
	};

	/**
	 * Make lock waits on the lock's connection last up to {@code timeout}.
	 * @param connection the lock's connection
	 * @param timeout how long to wait
	 * @return the setting to restore before the connection goes back to its pool
	 * @throws SQLException on failure
	 */
	default @Nullable Object apply(Connection connection, Duration timeout) throws SQLException {
		return null;
	}

	/**
	 * Undo {@link #apply}.
	 * @param connection the lock's connection
	 * @param previous what {@link #apply} returned
	 * @throws SQLException on failure
	 */
	default void restore(Connection connection, @Nullable Object previous) throws SQLException {
	}

	/**
	 * Whether an exception means "someone else holds the lock".
	 * @param ex the exception
	 * @return {@code true} for a lock or query timeout
	 */
	default boolean isTimeout(SQLException ex) {
		String state = ex.getSQLState();
		return ex instanceof java.sql.SQLTimeoutException || ex instanceof java.sql.SQLTransientException
				|| (state != null && (state.startsWith("HYT") || state.equals("40001") || state.equals("57014")));
	}

}
