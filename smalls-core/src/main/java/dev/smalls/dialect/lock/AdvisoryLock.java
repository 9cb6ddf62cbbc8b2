package dev.smalls.dialect.lock;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's session advisory lock ({@code session} strategy) on the key (1936548211 =
 * "smls", hash of the history table), held by the run's own session from start to end.
 * Statements are plain, with the keys inlined, so that no server-side prepared statement is
 * left on a pooled server connection. Before each migration commits, the statement that
 * ends it checks that this very session still holds it ({@link #heldCondition()}), at no
 * extra round trip: behind a pooler in transaction mode it may not.
 * <p>
 * The same key is taken by {@link TransactionAdvisoryLock}, the default: the two strategies
 * exclude each other.
 */
final class AdvisoryLock implements MigrationLock {

	/** The first key: "smls", so the lock is recognisable in pg_locks. */
	static final int LOCK_CLASS = 0x736D6C73;

	private final Connection connection;

	private final int key;

	private final int backend;

	private AdvisoryLock(Connection connection, int key, int backend) {
		this.connection = connection;
		this.key = key;
		this.backend = backend;
	}

	static @Nullable AdvisoryLock acquire(LockRequest request) throws SQLException {
		int key = request.name().hashCode();
		Connection connection = request.session();
		// Advisory locks are re-entrant per backend: behind a pooler this "session" may be one
		// that already holds the lock for somebody else, and that must not count as taking it.
		String tryLock = "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_locks WHERE " + lockRow(key)
				+ " AND pid = pg_backend_pid()) THEN false ELSE pg_try_advisory_lock(" + LOCK_CLASS + ", " + key
				+ ") END, pg_backend_pid()";
		int[] backend = new int[1];
		boolean acquired = Polling.until(request.timeout(), () -> {
			try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(tryLock)) {
				result.next();
				backend[0] = result.getInt(2);
				return result.getBoolean(1);
			}
		});
		return acquired ? new AdvisoryLock(connection, key, backend[0]) : null;
	}

	/** The lock's row in pg_locks: two int4 keys show as classid, objid (unsigned) and objsubid 2. */
	static String lockRow(int key) {
		return "locktype = 'advisory' AND classid = " + LOCK_CLASS + " AND objid = " + Integer.toUnsignedLong(key)
				+ " AND objsubid = 2 AND granted";
	}

	@Override
	public String heldCondition() {
		// A session lock lives as long as its session: the history must be written in that very
		// session (behind a pooler it may not be). A cheap check, not a scan of pg_locks.
		return "pg_backend_pid() = " + this.backend;
	}

	@Override
	public void close() throws SQLException {
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT pg_advisory_unlock(" + LOCK_CLASS + ", " + this.key + ")")) {
			if (result.next() && result.getBoolean(1)) {
				return;
			}
		}
		// Behind a pooler in transaction mode the unlock can land on another server session, and
		// the lock stays with the one that took it, which the pooler keeps open for other
		// clients: for up to its server lifetime (an hour by default) nobody could migrate.
		boolean ended = endStrandedHolder();
		throw new SQLException("pg_advisory_unlock found no smalls lock held by this session; the lock was taken by "
				+ "backend " + this.backend + (ended ? ", an idle server session of a connection pooler, which smalls "
						+ "ended to free the lock" : ", which still holds it until its session ends")
				+ ". Behind a pooler in transaction mode (PgBouncer) use the default lock (smalls.lock=auto)");
	}

	/**
	 * Free a session lock stranded on a pooled server session: unlock it where the pooler hands
	 * the statement to that very session, or end that session once it is idle (no client is
	 * using it), which is what the pooler does to an idle server session anyway, and the only
	 * way to free a session lock from outside its session.
	 */
	private boolean endStrandedHolder() {
		// The pooler may be using that session for another client's statement right now: it is
		// ended once it is idle again, if it is within a few seconds.
		long deadline = System.nanoTime() + 3_000_000_000L;
		while (true) {
			// Where the pooler hands this very statement to the holder, the holder unlocks.
			try (Statement statement = this.connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT CASE WHEN pg_backend_pid() = " + this.backend
							+ " THEN pg_advisory_unlock(" + LOCK_CLASS + ", " + this.key + ") ELSE coalesce((SELECT "
							+ "pg_terminate_backend(a.pid) FROM pg_stat_activity a WHERE a.pid = " + this.backend
							+ " AND a.state = 'idle' AND EXISTS (SELECT 1 FROM pg_locks l WHERE l."
							+ lockRow(this.key).replace(" AND ", " AND l.") + " AND l.pid = a.pid)), false) END")) {
				if (result.next() && result.getBoolean(1)) {
					return true;
				}
			}
			catch (SQLException ex) {
				// Not allowed to (another role's backend): the message says the lock is still held.
				return false;
			}
			if (System.nanoTime() > deadline || !stillHeldByTheBackend()) {
				return false;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	private boolean stillHeldByTheBackend() {
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE "
						+ lockRow(this.key) + " AND pid = " + this.backend + ")")) {
			return result.next() && result.getBoolean(1);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * Who holds the lock, session or transaction lock alike: the backend in pg_locks, what
	 * pg_stat_activity says of it (what it is doing and for how long), and, because a backend
	 * whose client was killed in the middle of a statement runs that statement to its end
	 * unless PostgreSQL notices, how to end it.
	 * @param connection any connection to the database
	 * @param name the lock's name
	 * @return the holder, or {@code null} if nobody holds it
	 * @throws SQLException if the catalog cannot be read
	 */
	static @Nullable LockHolder holder(Connection connection, String name) throws SQLException {
		// Advisory locks are per database, pg_locks is per server: another database's smalls lock
		// has the same keys.
		String query = "SELECT a.pid, a.usename, a.application_name, a.client_addr, a.backend_start, a.xact_start, "
				+ "a.state, left(regexp_replace(a.query, '\\s+', ' ', 'g'), 200), "
				+ "greatest(0, floor(extract(epoch FROM clock_timestamp() - coalesce(a.query_start, a.backend_start)))), "
				+ "a.pid = pg_backend_pid() FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l." + lockRow(name.hashCode())
					.replace(" AND ", " AND l.")
				+ " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
		try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
			if (!row.next()) {
				return null;
			}
			int pid = row.getInt(1);
			String application = row.getString(3);
			String client = row.getString(4);
			Timestamp backendStart = row.getTimestamp(5);
			Timestamp transactionStart = row.getTimestamp(6);
			String state = row.getString(7);
			// Behind a pooler the session that asks may be the very server session that holds a
			// stranded session lock.
			String doing = row.getBoolean(10) ? ", the server session this question went to: a pooler's, holding a "
					+ "session lock a client left behind"
					: "active".equals(state) ? ", running for " + row.getLong(9) + " s: " + row.getString(8)
					: (state != null) ? ", " + state + " for " + row.getLong(9) + " s" : "";
			String description = "backend pid " + pid + " (user " + row.getString(2)
					+ ((application != null && !application.isEmpty()) ? ", application '" + application + "'" : "")
					+ ((client != null) ? ", client " + client : ", local socket") + ")" + doing;
			Timestamp since = (transactionStart != null) ? transactionStart : backendStart;
			int version = connection.getMetaData().getDatabaseMajorVersion();
			String ifGone = "If the instance that took it is gone (killed), its backend can still be running the "
					+ "statement it was in, and holds the lock until that ends"
					+ ((version >= 14) ? " or PostgreSQL notices the client is gone (smalls sets "
							+ "client_connection_check_interval to 1 s in its transactions)"
							: " (PostgreSQL " + version + " cannot notice a lost client in the middle of a statement; "
									+ "14 and later can)")
					+ ". To end it now: SELECT pg_terminate_backend(" + pid + ");";
			return new LockHolder(description, (since != null) ? since.toInstant() : null, ifGone);
		}
	}

}
