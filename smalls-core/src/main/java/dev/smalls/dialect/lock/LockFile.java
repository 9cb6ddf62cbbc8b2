package dev.smalls.dialect.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * An operating-system lock on a file beside the database file
 * ({@code <database file>.<history table>.lock}), for a database every process opens on the
 * same machine (SQLite): the operating system releases it when its process dies. Within one
 * JVM, which the operating system does not tell apart, a semaphore per database and table
 * does the same between threads. The operating system does not say who holds it.
 */
final class LockFile implements LockType {

	private static final ConcurrentMap<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

	private final Function<String, @Nullable Path> databaseFile;

	LockFile(Function<String, @Nullable Path> databaseFile) {
		this.databaseFile = databaseFile;
	}

	@Override
	public @Nullable MigrationLock acquire(LockRequest request) throws SQLException {
		Connection session = request.session();
		String name = request.name();
		Duration timeout = request.timeout();
		Path file = this.databaseFile.apply(session.getMetaData().getURL());
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

}
