package dev.smalls.dialect.lock;

/**
 * PostgreSQL's default migration lock: {@code pg_try_advisory_xact_lock}, taken at the start
 * of every transaction that changes the history (by the dialect's step statements)
 * and released by PostgreSQL when that transaction ends, as Flyway does by default. The
 * transaction that commits a migration holds the lock itself, so nothing a pooler in
 * transaction mode does with sessions (PgBouncer), and no other session dying, can let two
 * instances commit at once; a killed instance's lock goes with its transaction. Nothing is
 * held between transactions: the run holds no second connection.
 */
final class TransactionAdvisoryLock implements MigrationLock {

	private final int key;

	TransactionAdvisoryLock(int key) {
		this.key = key;
	}

	@Override
	public String takeInTransaction() {
		return "pg_try_advisory_xact_lock(" + AdvisoryLock.LOCK_CLASS + ", " + this.key + ")";
	}

	@Override
	public void close() {
		// Nothing is held between transactions.
	}

}
