package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * What smalls needs to know about a database that plain JDBC does not say: how to take a
 * database-wide lock that dies with its connection, and whether DDL can be rolled back.
 */
public interface SmallsDialect {

	/**
	 * Take the database-wide migration lock, waiting at most {@code timeout}.
	 * @param session the connection the run works on, in auto-commit mode
	 * @param dataSource where to get another connection, if the lock needs its own
	 * @param name the lock's name, unique per history table
	 * @param timeout how long to wait for another holder to finish
	 * @return the held lock, or {@code null} if it was not free within the timeout
	 * @throws SQLException if the database refused
	 */
	@Nullable MigrationLock lock(Connection session, DataSource dataSource, String name, Duration timeout)
			throws SQLException;

	/**
	 * Whether a failed migration's DDL is undone with its transaction. When it is not, the
	 * failure message warns that the schema may hold half of the migration.
	 * @return {@code true} if DDL is transactional
	 */
	boolean supportsTransactionalDdl();

	/**
	 * The type for the history table's applied-at column.
	 * @return a SQL type name
	 */
	default String timestampType() {
		return "TIMESTAMP";
	}

	/**
	 * The database's name, for messages.
	 * @return e.g. {@code PostgreSQL}
	 */
	String databaseName();

}
