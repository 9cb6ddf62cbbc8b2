package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * HSQLDB: a lease in a lock table (whatever {@code smalls.lock} says), because HSQLDB waits for a row lock without end (neither
 * a query timeout nor a cancel stops the wait), so the portable row lock could hang a
 * starting instance. HSQLDB commits DDL implicitly, and reports a missing table as
 * {@code 42501} ("user lacks privilege or object not found"), which could also mean missing
 * rights, so the metadata decides.
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
	public Set<LockStrategy> lockStrategies() {
		return EnumSet.of(LockStrategy.AUTO, LockStrategy.LEASE);
	}

	@Override
	public @Nullable MigrationLock lock(LockRequest request) throws SQLException {
		return LeaseLock.acquire(request, this);
	}

	@Override
	public @Nullable LockHolder lockHolder(Connection connection, String name, LockStrategy strategy) {
		return LeaseLock.holder(connection, name);
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

	@Override
	public boolean isMissingTable(Connection connection, String table, SQLException failure) throws SQLException {
		return "42501".equals(failure.getSQLState()) && !SmallsDialect.tableExists(connection, table);
	}

}
