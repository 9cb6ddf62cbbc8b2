package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import dev.smalls.dialect.lock.LockType;
import dev.smalls.dialect.lock.LockTypes;

/**
 * HSQLDB: a lease in a lock table (whatever {@code smalls.lock} says), because HSQLDB waits for a row lock without end (neither
 * a query timeout nor a cancel stops the wait), so the portable row lock could hang a
 * starting instance. HSQLDB commits DDL implicitly, and reports a missing table as
 * {@code 42501} ("user lacks privilege or object not found"), which could also mean missing
 * rights.
 */
public class HsqldbDialect implements SmallsDialect {

	@Override
	public String databaseName() {
		return "HSQLDB";
	}

	@Override
	public boolean supportsTransactionalDdl() {
		return false;
	}

	@Override
	public Map<LockStrategy, LockType> locks() {
		return Map.of(LockStrategy.AUTO, LockTypes.lease(this), LockStrategy.LEASE, LockTypes.lease(this));
	}

	@Override
	public SchemaDdl schemaDdl() {
		return new HsqldbSchemaDdl();
	}

	@Override
	public void useSchema(Connection connection, String schema) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET SCHEMA " + schema);
		}
	}

	@Override
	public String inTransactionCondition() {
		return "IS_AUTOCOMMIT() = FALSE";
	}

	/**
	 * HSQLDB says "user lacks privilege or object not found: NAME" (-5501) for both: the
	 * table named in the message counts as missing. Asking the metadata instead would race
	 * another instance creating it meanwhile; a table that is there but not granted fails
	 * again, clearly, at its next use.
	 */
	@Override
	public boolean isMissingTable(Connection connection, String table, SQLException failure) {
		String message = failure.getMessage();
		String name = table.substring(table.indexOf('.') + 1).toUpperCase(java.util.Locale.ROOT);
		return failure.getErrorCode() == -5501 && message != null && message.endsWith(": " + name);
	}

	/**
	 * Registers this dialect for HSQLDB ({@code META-INF/services}).
	 */
	public static final class Provider implements SmallsDialectProvider {

		@Override
		public boolean supports(String productName) {
			return productName.toLowerCase(java.util.Locale.ROOT).contains("hsql");
		}

		@Override
		public SmallsDialect create(Connection connection) {
			return new HsqldbDialect();
		}

	}

}
