package dev.smalls.dialect;

import java.util.Map;

import dev.smalls.dialect.lock.LockType;
import dev.smalls.dialect.lock.LockTypes;
import dev.smalls.dialect.lock.RowLockWaits;

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
	public Map<LockStrategy, LockType> locks() {
		LockType rowLock = LockTypes.rowLock(this, waits());
		return Map.of(LockStrategy.AUTO, rowLock, LockStrategy.TRANSACTION, rowLock, LockStrategy.LEASE,
				LockTypes.lease(this));
	}

	/**
	 * How this database bounds the wait for the lock row.
	 * @return the JDBC query timeout, unless a subclass knows better
	 */
	protected RowLockWaits waits() {
		return RowLockWaits.QUERY_TIMEOUT;
	}

}
