package dev.smalls.dialect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.dialect.lock.LockType;
import dev.smalls.dialect.lock.LockTypes;
import dev.smalls.dialect.lock.MigrationLock;

/**
 * SQLite: DDL is transactional, but a write transaction locks the whole database, so a lock
 * held by an open transaction on a second connection would block the run's own writes. The
 * lock ({@code auto}; a lease is the alternative) is instead an operating-system lock on a file beside the database
 * ({@code <database file>.<history table>.lock}): every process that opens the database
 * runs on the same machine, and the operating system releases the lock when its process
 * dies. Within one JVM, a semaphore per database and table does the same between threads.
 */
public class SqliteDialect implements SmallsDialect {

	@Override
	public String databaseName() {
		return "SQLite";
	}

	@Override
	public boolean supportsTransactionalDdl() {
		return true;
	}

	@Override
	public Map<LockStrategy, LockType> locks() {
		return Map.of(LockStrategy.AUTO, LockTypes.lockFile(SqliteDialect::databaseFile), LockStrategy.LEASE,
				LockTypes.lease(this));
	}

	@Override
	public SchemaDdl schemaDdl() {
		return new SqliteSchemaDdl();
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
	public String textType() {
		return "TEXT";
	}

	@Override
	public Scratch createScratch(DataSource dataSource, Connection connection, String name) throws SQLException {
		// No schemas: a database file of its own, deleted when done.
		Path file;
		try {
			file = Files.createTempFile(name, ".db");
		}
		catch (IOException ex) {
			throw new SQLException("smalls could not create a temporary database file: " + ex.getMessage(), ex);
		}
		return new Scratch(new DriverManagerDataSource("jdbc:sqlite:" + file), null, () -> {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				throw new SQLException("smalls could not delete " + file + ": " + ex.getMessage(), ex);
			}
		});
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

	/**
	 * Registers this dialect for SQLite ({@code META-INF/services}).
	 */
	public static final class Provider implements SmallsDialectProvider {

		@Override
		public boolean supports(String productName) {
			return productName.toLowerCase(java.util.Locale.ROOT).contains("sqlite");
		}

		@Override
		public SmallsDialect create(Connection connection) {
			return new SqliteDialect();
		}

	}

}
