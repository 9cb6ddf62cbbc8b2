package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's advisory lock on the key (1936548211 = "smls", hash of the history table),
 * held either by the run's session ({@link LockStrategy#SESSION}) or by a transaction kept
 * open on a connection of its own ({@link LockStrategy#TRANSACTION}, which holds behind
 * PgBouncer in transaction mode). Statements are plain, with the keys inlined, so that no
 * server-side prepared statement is left on a pooled server connection.
 * <p>
 * Before each migration commits, the history change itself checks that the lock is still held
 * ({@link #heldCondition()}), at no extra round trip.
 */
final class AdvisoryLock implements MigrationLock {

	/** The first key: "smls", so the lock is recognisable in pg_locks. */
	static final int LOCK_CLASS = 0x736D6C73;

	private final Connection connection;

	private final int key;

	private final int backend;

	/** When the holding backend's transaction began: the transaction lock lives as long as it. */
	private final String transactionStart;

	private final boolean session;

	private AdvisoryLock(Connection connection, int key, int backend, String transactionStart, boolean session) {
		this.connection = connection;
		this.key = key;
		this.backend = backend;
		this.transactionStart = transactionStart;
		this.session = session;
	}

	static @Nullable AdvisoryLock acquire(LockRequest request) throws SQLException {
		int key = request.name().hashCode();
		boolean session = request.strategy() != LockStrategy.TRANSACTION;
		Connection connection = session ? request.session() : ownConnection(request);
		try {
			// Advisory locks are re-entrant per backend: behind a pooler this "session" may be one
			// that already holds the lock for somebody else, and that must not count as taking it.
			String tryLock = "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_locks WHERE " + lockRow(key)
					+ " AND pid = pg_backend_pid()) THEN false ELSE pg_try_advisory" + (session ? "" : "_xact")
					+ "_lock(" + LOCK_CLASS + ", " + key + ") END, pg_backend_pid(), now()::text";
			int[] backend = new int[1];
			String[] started = new String[1];
			boolean acquired = Polling.until(request.timeout(), () -> {
				boolean taken;
				try (Statement statement = connection.createStatement();
						ResultSet result = statement.executeQuery(tryLock)) {
					result.next();
					backend[0] = result.getInt(2);
					started[0] = result.getString(3);
					taken = result.getBoolean(1);
				}
				if (!taken && !session) {
					// End the transaction between attempts: behind a pooler in transaction mode an
					// open one keeps a server connection from the instance that is migrating.
					connection.rollback();
				}
				return taken;
			});
			if (!acquired) {
				if (!session) {
					end(connection);
				}
				return null;
			}
			return new AdvisoryLock(connection, key, backend[0], started[0], session);
		}
		catch (SQLException | RuntimeException ex) {
			if (!session) {
				try {
					connection.close();
				}
				catch (SQLException closeFailure) {
					ex.addSuppressed(closeFailure);
				}
			}
			throw ex;
		}
	}

	private static Connection ownConnection(LockRequest request) throws SQLException {
		Connection connection;
		try {
			connection = request.dataSource().getConnection();
		}
		catch (SQLException ex) {
			throw new LockConnectionException("The transaction lock holds a connection of its own besides the one "
					+ "that migrates, and the data source lent none: " + ex.getMessage(), ex);
		}
		connection.setAutoCommit(false);
		return connection;
	}

	/** The lock's row in pg_locks: two int4 keys show as classid, objid (unsigned) and objsubid 2. */
	static String lockRow(int key) {
		return "locktype = 'advisory' AND classid = " + LOCK_CLASS + " AND objid = " + Integer.toUnsignedLong(key)
				+ " AND objsubid = 2 AND granted";
	}

	@Override
	public String heldCondition() {
		// Cheap checks, not a scan of pg_locks, because they run with every history change. A
		// session lock lives as long as its session: the history must be written in that very
		// session (behind a pooler it may not be). A transaction lock lives as long as its
		// transaction: the backend that took it must still be in the transaction it took it in.
		if (this.session) {
			return "pg_backend_pid() = " + this.backend;
		}
		return "EXISTS (SELECT 1 FROM pg_stat_get_activity(" + this.backend + ") a WHERE a.xact_start = '"
				+ this.transactionStart.replace("'", "") + "'::timestamptz)";
	}

	@Override
	public void close() throws SQLException {
		if (!this.session) {
			end(this.connection);
			return;
		}
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
				+ ". Behind a pooler in transaction mode (PgBouncer) use the transaction lock (smalls.lock=transaction)");
	}

	/**
	 * End the backend that took the session lock, if it is another than this session's, still
	 * holds the lock and is idle: a pooled server session no client is using. Ending it is
	 * what the pooler does to an idle server session anyway, and the only way to free a
	 * session lock from outside its session.
	 */
	private boolean endStrandedHolder() {
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_terminate_backend(a.pid) FROM pg_stat_activity a "
						+ "WHERE a.pid = " + this.backend + " AND a.pid <> pg_backend_pid() AND a.state = 'idle' "
						+ "AND EXISTS (SELECT 1 FROM pg_locks l WHERE l." + lockRow(this.key).replace(" AND ", " AND l.")
						+ " AND l.pid = a.pid)")) {
			return result.next() && result.getBoolean(1);
		}
		catch (SQLException ex) {
			// Not allowed to (another role's backend): the message says the lock is still held.
			return false;
		}
	}

	private static void end(Connection connection) throws SQLException {
		try {
			connection.rollback();
			connection.setAutoCommit(true);
		}
		finally {
			connection.close();
		}
	}

	/**
	 * Who holds the lock: the backend in pg_locks and what pg_stat_activity says of it.
	 * @param connection any connection to the database
	 * @param name the lock's name
	 * @return the holder, or {@code null} if nobody holds it
	 * @throws SQLException if the catalog cannot be read
	 */
	static @Nullable LockHolder holder(Connection connection, String name) throws SQLException {
		// Advisory locks are per database, pg_locks is per server: another database's smalls lock
		// has the same keys.
		String query = "SELECT a.pid, a.usename, a.application_name, a.client_addr, a.backend_start, a.xact_start "
				+ "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l." + lockRow(name.hashCode())
					.replace(" AND ", " AND l.")
				+ " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
		try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
			if (!row.next()) {
				return null;
			}
			String application = row.getString(3);
			String client = row.getString(4);
			Timestamp backendStart = row.getTimestamp(5);
			Timestamp transactionStart = row.getTimestamp(6);
			String description = "backend pid " + row.getInt(1) + " (user " + row.getString(2)
					+ ((application != null && !application.isEmpty()) ? ", application '" + application + "'" : "")
					+ ((client != null) ? ", client " + client : ", local socket") + ")";
			Timestamp since = (transactionStart != null) ? transactionStart : backendStart;
			return new LockHolder(description, (since != null) ? since.toInstant() : null);
		}
	}

}
