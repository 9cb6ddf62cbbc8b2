package dev.smalls.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.lock.LockRequest;
import dev.smalls.dialect.lock.MigrationLock;

/**
 * The migration lock of {@code smalls_history}, held as another instance would hold it: a
 * lock the run holds, taken through the dialect; or a lock each transaction takes
 * (PostgreSQL's default), taken by a transaction left open on the given connection, as an
 * instance in the middle of a migration holds it.
 */
public final class HeldLock implements AutoCloseable {

	/** The advisory lock's first key, "smls", as PostgreSQL's dialect takes it. */
	private static final int LOCK_CLASS = 0x736D6C73;

	private final Connection connection;

	private final MigrationLock lock;

	private HeldLock(Connection connection, MigrationLock lock) {
		this.connection = connection;
		this.lock = lock;
	}

	/**
	 * Take the lock.
	 * @param connection the holder's connection
	 * @param dataSource where a lock that needs its own connection gets one
	 * @param strategy the strategy
	 * @param timeout how long to wait for it
	 * @return the held lock, or {@code null} if another holder kept it
	 * @throws SQLException if the database refused
	 */
	public static HeldLock take(Connection connection, DataSource dataSource, LockStrategy strategy, Duration timeout)
			throws SQLException {
		return take(connection, dataSource, strategy, timeout, LockRequest.DEFAULT_LEASE);
	}

	/**
	 * Take the lock.
	 * @param connection the holder's connection
	 * @param dataSource where a lock that needs its own connection gets one
	 * @param strategy the strategy
	 * @param timeout how long to wait for it
	 * @param lease a lease's duration
	 * @return the held lock, or {@code null} if another holder kept it
	 * @throws SQLException if the database refused
	 */
	public static HeldLock take(Connection connection, DataSource dataSource, LockStrategy strategy, Duration timeout,
			Duration lease) throws SQLException {
		MigrationLock lock = Locking.take(strategy, Locking.request(connection, dataSource, timeout, lease));
		if (lock == null) {
			return null;
		}
		if (lock.perTransaction()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement();
					ResultSet taken = statement.executeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK_CLASS + ", "
							+ "smalls_history".hashCode() + ")")) {
				taken.next();
				if (!taken.getBoolean(1)) {
					connection.rollback();
					return null;
				}
			}
		}
		return new HeldLock(connection, lock);
	}

	@Override
	public void close() throws SQLException {
		if (this.lock.perTransaction()) {
			this.connection.rollback();
			this.connection.setAutoCommit(true);
		}
		this.lock.close();
	}

}
