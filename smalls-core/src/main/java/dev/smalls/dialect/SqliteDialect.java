package dev.smalls.dialect;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * SQLite: DDL is transactional, but a write transaction locks the whole database, so a lock
 * held by an open transaction on a second connection would block the run's own writes. The
 * lock ({@code auto}; a lease is the alternative) is instead an operating-system lock on a file beside the database
 * ({@code <database file>.<history table>.lock}): every process that opens the database
 * runs on the same machine, and the operating system releases the lock when its process
 * dies. Within one JVM, a semaphore per database and table does the same between threads.
 */
public class SqliteDialect implements SmallsDialect {

	private static final ConcurrentMap<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

	@Override
	public String databaseName() {
		return "SQLite";
	}

	@Override
	public boolean supportsTransactionalDdl() {
		return true;
	}

	@Override
	public Set<LockStrategy> lockStrategies() {
		return EnumSet.of(LockStrategy.AUTO, LockStrategy.LEASE);
	}

	@Override
	public @Nullable MigrationLock lock(LockRequest request) throws SQLException {
		if (request.strategy() == LockStrategy.LEASE) {
			return LeaseLock.acquire(request, this);
		}
		return fileLock(request.session(), request.name(), request.timeout());
	}

	@Override
	public @Nullable LockHolder lockHolder(Connection connection, String name, LockStrategy strategy) {
		// The operating system does not say who holds a file lock.
		return (strategy == LockStrategy.LEASE) ? LeaseLock.holder(connection, name) : null;
	}

	private @Nullable MigrationLock fileLock(Connection session, String name, Duration timeout) throws SQLException {
		Path file = databaseFile(session.getMetaData().getURL());
		String key = ((file != null) ? file.toString() : session.getMetaData().getURL()) + "|" + name;
		Semaphore inProcess = IN_PROCESS.computeIfAbsent(key, (k) -> new Semaphore(1));
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			if (!inProcess.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				return null;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		if (file == null) {
			// In memory: no other process can open it.
			return inProcess::release;
		}
		try {
			FileChannel channel = FileChannel.open(Path.of(file + "." + name + ".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock[] held = new FileLock[1];
			boolean locked = Polling.until(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), () -> {
				try {
					held[0] = channel.tryLock();
					return held[0] != null;
				}
				catch (IOException | OverlappingFileLockException ex) {
					throw new SQLException("Could not lock " + file + "." + name + ".lock: " + ex.getMessage(), ex);
				}
			});
			if (!locked) {
				channel.close();
				inProcess.release();
				return null;
			}
			return () -> {
				try {
					held[0].release();
					channel.close();
				}
				catch (IOException ex) {
					throw new SQLException("Could not release the lock file: " + ex.getMessage(), ex);
				}
				finally {
					inProcess.release();
				}
			};
		}
		catch (IOException | SQLException | RuntimeException ex) {
			inProcess.release();
			throw (ex instanceof SQLException sql) ? sql
					: new SQLException("Could not lock " + file + "." + name + ".lock: " + ex.getMessage(), ex);
		}
	}

	/** The database file of a {@code jdbc:sqlite:} URL, or {@code null} for an in-memory database. */
	static @Nullable Path databaseFile(String url) {
		String location = url.startsWith("jdbc:sqlite:") ? url.substring("jdbc:sqlite:".length()) : url;
		int query = location.indexOf('?');
		if (query >= 0) {
			location = location.substring(0, query);
		}
		if (location.startsWith("file:")) {
			location = location.substring("file:".length());
		}
		if (location.isEmpty() || location.toLowerCase(Locale.ROOT).contains(":memory:")) {
			return null;
		}
		return Path.of(location).toAbsolutePath().normalize();
	}

	@Override
	public StepStatements stepStatements(StepStatements.Settings settings, MigrationLock lock) {
		return new SqliteStepStatements(this, settings, lock);
	}

	@Override
	public void useSchema(Connection connection, String schema) throws SQLException {
		throw new SQLException("SQLite has no schemas to run a tenant in: give each tenant a database file of its "
				+ "own (a DataSource per tenant)");
	}

	@Override
	public boolean isDuplicateKey(SQLException failure) {
		// SQLITE_CONSTRAINT (19), with no SQL state.
		return failure.getErrorCode() == 19 || SmallsDialect.super.isDuplicateKey(failure);
	}

	@Override
	public boolean isMissingTable(Connection connection, String table, SQLException failure) {
		String message = failure.getMessage();
		return message != null && message.contains("no such table");
	}

}
