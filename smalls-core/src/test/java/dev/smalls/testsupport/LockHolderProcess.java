package dev.smalls.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.lock.LockRequest;

/**
 * A separate JVM that takes the migration lock and then waits to be killed. Arguments: URL,
 * user, password, and optionally the lock strategy and the lease in milliseconds.
 */
public final class LockHolderProcess {

	private LockHolderProcess() {
	}

	public static void main(String[] args) throws Exception {
		Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
		LockStrategy strategy = (args.length > 3) ? LockStrategy.valueOf(args[3]) : LockStrategy.AUTO;
		Duration lease = (args.length > 4) ? Duration.ofMillis(Long.parseLong(args[4])) : LockRequest.DEFAULT_LEASE;
		HeldLock lock = HeldLock.take(connection, new DriverManagerDataSource(args[0], args[1], args[2]), strategy,
				Duration.ofSeconds(30), lease);
		System.out.println((lock != null) ? "LOCKED" : "NOT LOCKED");
		System.out.flush();
		Thread.sleep(Duration.ofMinutes(5).toMillis());
	}

}
