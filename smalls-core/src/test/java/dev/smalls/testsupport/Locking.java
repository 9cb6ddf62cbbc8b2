package dev.smalls.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.dialect.lock.LockHolder;
import dev.smalls.dialect.lock.LockRequest;
import dev.smalls.dialect.lock.LockType;
import dev.smalls.dialect.lock.MigrationLock;

/**
 * Takes a dialect's migration lock the way a run does, for tests that hold it from another
 * connection or ask who holds it.
 */
public final class Locking {

	private Locking() {
	}

	/**
	 * What a run of the default history table asks.
	 * @param session the holder's connection
	 * @param dataSource where a lock that needs its own connection gets one
	 * @param timeout how long to wait
	 * @param lease a lease's duration
	 * @return the request
	 */
	public static LockRequest request(Connection session, DataSource dataSource, Duration timeout, Duration lease) {
		return request(session, dataSource, SmallsTables.DEFAULT_HISTORY, timeout, lease);
	}

	/**
	 * What a run asks.
	 * @param session the holder's connection
	 * @param dataSource where a lock that needs its own connection gets one
	 * @param history the history table
	 * @param timeout how long to wait
	 * @param lease a lease's duration
	 * @return the request
	 */
	public static LockRequest request(Connection session, DataSource dataSource, String history, Duration timeout,
			Duration lease) {
		return new LockRequest(session, dataSource, history, new SmallsTables(history).lock(), timeout, lease);
	}

	/**
	 * Take a dialect's lock of a strategy.
	 * @param dialect the dialect
	 * @param strategy the strategy
	 * @param request what to take
	 * @return the lock, or {@code null} if it was not free in time
	 * @throws SQLException if the database refused
	 */
	public static @Nullable MigrationLock take(SmallsDialect dialect, LockStrategy strategy, LockRequest request)
			throws SQLException {
		return type(dialect, strategy).acquire(request);
	}

	/**
	 * Take the lock of the detected dialect of the request's database.
	 * @param strategy the strategy
	 * @param request what to take
	 * @return the lock, or {@code null} if it was not free in time
	 * @throws SQLException if the database refused
	 */
	public static @Nullable MigrationLock take(LockStrategy strategy, LockRequest request) throws SQLException {
		return take(SmallsDialects.detect(request.session()), strategy, request);
	}

	/**
	 * Who holds a dialect's lock of a strategy.
	 * @param dialect the dialect
	 * @param strategy the strategy
	 * @param request the lock, its session any connection
	 * @return the holder, or {@code null}
	 * @throws SQLException if the database refused
	 */
	public static @Nullable LockHolder holder(SmallsDialect dialect, LockStrategy strategy, LockRequest request)
			throws SQLException {
		return type(dialect, strategy).holder(request);
	}

	private static LockType type(SmallsDialect dialect, LockStrategy strategy) {
		LockType type = dialect.locks().get(strategy);
		if (type == null) {
			throw new IllegalArgumentException(dialect.databaseName() + " has no " + strategy + " lock");
		}
		return type;
	}

}
