package dev.smalls.dialect.lock;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * A held database-wide migration lock. Closing it releases the lock; so does the end of its
 * holder (the connection that holds it, or for a lease, the lease running out), which is
 * what keeps a killed process from leaving it behind for long.
 */
@FunctionalInterface
public interface MigrationLock extends AutoCloseable {

	/**
	 * A SQL condition, true while the lock is held, that the history change of each migration
	 * carries ({@code INSERT ... WHERE <condition>}): if it is false, nothing is recorded and
	 * the migration is rolled back. It costs no extra round trip; locks that cannot be
	 * checked this way return {@code null} and are checked by {@link #verify} instead.
	 * @return the condition, or {@code null}
	 */
	default @Nullable String heldCondition() {
		return null;
	}

	/**
	 * Confirm the lock is still held, just before a migration commits: inside the migration's
	 * transaction, on the connection that runs it. A lock that can be lost while its holder
	 * lives (a lease that ran out, a lock session that died) throws here, and the migration is
	 * rolled back instead of committing without the lock.
	 * @param work the connection in the migration's transaction
	 * @throws SQLException if the lock is no longer held or cannot be checked
	 */
	default void verify(Connection work) throws SQLException {
	}

	/**
	 * For a lock taken anew by every transaction that changes the history rather than held by
	 * the run from start to end: the SQL expression that takes it in the current transaction
	 * without waiting, true if it did. The dialect's step statements put it in the statement
	 * that begins each step. A run with such a lock holds nothing between its transactions: it
	 * reads the history under the lock, and each step checks again, under the lock, that it is
	 * still to be done.
	 * @return the expression, or {@code null} for a lock the run holds (the default)
	 */
	default @Nullable String takeInTransaction() {
		return null;
	}

	/**
	 * Whether this lock is taken by every transaction ({@link #takeInTransaction()}).
	 * @return {@code true} for a lock each transaction takes
	 */
	default boolean perTransaction() {
		return takeInTransaction() != null;
	}

	@Override
	void close() throws SQLException;

}
