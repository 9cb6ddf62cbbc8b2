package dev.smalls.dialect.lock;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * One way of holding the migration lock: what a dialect maps each lock strategy it supports
 * to ({@code SmallsDialect.locks()}). The ones smalls ships come from {@link LockTypes}.
 */
public interface LockType {

	/**
	 * Take the lock, waiting at most the request's timeout.
	 * @param request the run's connection, the data source, the lock's name and table, the
	 * timeout and the lease
	 * @return the held lock, or {@code null} if it was not free within the timeout
	 * @throws SQLException if the database refused
	 */
	@Nullable MigrationLock acquire(LockRequest request) throws SQLException;

	/**
	 * Who holds the lock, where the database can tell.
	 * @param request the lock asked about; its session is any connection not holding it
	 * @return the holder, or {@code null} if the lock is free or the database cannot tell
	 * (the default)
	 * @throws SQLException if the database cannot be asked
	 */
	default @Nullable LockHolder holder(LockRequest request) throws SQLException {
		return null;
	}

	/**
	 * Whether this lock keeps a table ({@link LockRequest#table()}) that it creates on first
	 * use: a probe of a database smalls never migrated does not take such a lock.
	 * @return {@code true} for the row lock and the lease
	 */
	default boolean keepsTable() {
		return false;
	}

}
