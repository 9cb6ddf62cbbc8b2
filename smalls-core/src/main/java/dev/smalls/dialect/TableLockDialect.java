package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The portable dialect, for databases smalls has no dialect of its own for: a row lock on a
 * lock table ({@code <history table>_lock}) held by an open transaction on a connection of
 * its own ({@code auto} and {@code transaction}), or a lease. DDL is assumed not to be
 * transactional.
 */
public class TableLockDialect implements SmallsDialect {

	private final String databaseName;

	public TableLockDialect(String databaseName) {
		this.databaseName = databaseName;
	}

	@Override
	public String databaseName() {
		return this.databaseName;
	}

	@Override
	public boolean supportsTransactionalDdl() {
		return false;
	}

	@Override
	public Set<LockStrategy> lockStrategies() {
		return EnumSet.of(LockStrategy.AUTO, LockStrategy.TRANSACTION, LockStrategy.LEASE);
	}

	@Override
	public @Nullable MigrationLock lock(LockRequest request) throws SQLException {
		return (request.strategy() == LockStrategy.LEASE) ? LeaseLock.acquire(request, this)
				: RowLock.acquire(request, this, waits());
	}

	@Override
	public @Nullable LockHolder lockHolder(Connection connection, String name, LockStrategy strategy)
			throws SQLException {
		return (strategy == LockStrategy.LEASE) ? LeaseLock.holder(connection, name)
				: RowLock.holder(connection, name + "_lock");
	}

	/**
	 * How this database bounds the wait for the lock row.
	 * @return the JDBC query timeout, unless a subclass knows better
	 */
	protected RowLock.Waits waits() {
		return RowLock.Waits.QUERY_TIMEOUT;
	}

}
