package dev.smalls.dialect;

/**
 * How the migration lock is held: chosen per deployment ({@code smalls.lock}), because what
 * sits between the application and the database decides which locks hold.
 */
public enum LockStrategy {

	/**
	 * The database's own choice: {@link #TRANSACTION} on PostgreSQL (a lock each migration's
	 * transaction takes) and on H2 and other databases (a row lock), {@link #SESSION} on
	 * MariaDB/MySQL, {@link #LEASE} on HSQLDB and on the nodes of a Galera cluster, an
	 * operating system file lock on SQLite.
	 */
	AUTO,

	/**
	 * A lock held by the run's own database session (PostgreSQL {@code pg_advisory_lock},
	 * MariaDB/MySQL {@code GET_LOCK}): no extra connection, released the moment the session
	 * ends. Needs a direct connection: behind a pooler in transaction mode (PgBouncer) the
	 * session is not yours and the lock does not hold. On PostgreSQL, tenants' migrations that
	 * are not transactional need it: their statements rely on the session's search_path.
	 */
	SESSION,

	/**
	 * A lock held by a transaction. On PostgreSQL, {@code pg_try_advisory_xact_lock} taken by
	 * each migration's own transaction, which commits holding it: no second connection,
	 * nothing held between migrations, and it holds behind poolers in transaction mode. Elsewhere
	 * a row lock in {@code <history table>_lock} updated by a transaction kept open for the whole
	 * run on a connection of its own. Either way it is released the moment its transaction
	 * ends.
	 */
	TRANSACTION,

	/**
	 * A lease: a row in {@code <history table>_lock} naming its holder and an expiry, renewed
	 * while the run lives. Needs no session or transaction to survive, so it works through
	 * anything (poolers, Galera clusters, a pool of one connection); a killed holder keeps
	 * others waiting until the lease expires ({@code smalls.lock-lease}, 30 s by default).
	 */
	LEASE

}
