package dev.smalls.dialect.lock;

import java.sql.Connection;
import java.time.Duration;

import javax.sql.DataSource;

/**
 * What a run asks of a {@link LockType}.
 *
 * @param session the run's connection, in auto-commit mode
 * @param dataSource where a lock that needs a connection of its own gets one
 * @param name the lock's name, unique per history table (its name, schema-qualified when it is)
 * @param table the table a lock that keeps one uses (the row lock, the lease):
 * {@code <history table>_lock}
 * @param timeout how long to wait for another holder
 * @param lease how long a lease lasts unless renewed
 */
public record LockRequest(Connection session, DataSource dataSource, String name, String table, Duration timeout,
		Duration lease) {

	/** The default lease: long enough to ride out a pause, short enough to wait out a crash. */
	public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

}
