package dev.smalls.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.smalls.dialect.MigrationLock;
import dev.smalls.dialect.SmallsDialects;

/**
 * A separate JVM that takes the migration lock and then waits to be killed.
 */
public final class LockHolderProcess {

	private LockHolderProcess() {
	}

	public static void main(String[] args) throws Exception {
		Connection connection = DriverManager.getConnection(args[0], args[1], args[2]);
		MigrationLock lock = SmallsDialects.detect(connection)
			.lock(connection, new SingleConnectionDataSource(connection, true), "smalls_history", Duration.ofSeconds(30));
		System.out.println((lock != null) ? "LOCKED" : "NOT LOCKED");
		System.out.flush();
		Thread.sleep(Duration.ofMinutes(5).toMillis());
	}

}
