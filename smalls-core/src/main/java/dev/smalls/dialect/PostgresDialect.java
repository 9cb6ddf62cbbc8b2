package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: an advisory lock, held by the run's session ({@code auto} and
 * {@code session}) or by a transaction kept open on a connection of its own
 * ({@code transaction}, for PgBouncer in transaction mode), or a lease. DDL is
 * transactional.
 */
public class PostgresDialect implements SmallsDialect {

	@Override
	public String databaseName() {
		return "PostgreSQL";
	}

	@Override
	public boolean supportsTransactionalDdl() {
		return true;
	}

	@Override
	public Set<LockStrategy> lockStrategies() {
		return EnumSet.allOf(LockStrategy.class);
	}

	@Override
	public @Nullable MigrationLock lock(LockRequest request) throws SQLException {
		return (request.strategy() == LockStrategy.LEASE) ? LeaseLock.acquire(request, this)
				: AdvisoryLock.acquire(request);
	}

	@Override
	public @Nullable LockHolder lockHolder(Connection connection, String name, LockStrategy strategy)
			throws SQLException {
		return (strategy == LockStrategy.LEASE) ? LeaseLock.holder(connection, name)
				: AdvisoryLock.holder(connection, name);
	}

	@Override
	public String insertHistory(String table, String heldCondition) {
		// Parameters in a SELECT list have no column to take their type from: say it.
		return "INSERT INTO " + table + " (sequence_no, name, batch, applied_at, execution_ms, applied_by) "
				+ "SELECT CAST(? AS INT), CAST(? AS VARCHAR), CAST(? AS INT), CAST(? AS TIMESTAMP), "
				+ "CAST(? AS BIGINT), CAST(? AS VARCHAR) WHERE " + heldCondition;
	}

	@Override
	public boolean isMissingTable(Connection connection, String table, SQLException failure) {
		return "42P01".equals(failure.getSQLState());
	}

}
