package dev.smalls.dialect.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A lease in a one-row lock table ({@code <history table>_lock}): the holder writes its id
 * and an expiry, renews the expiry while it runs, and clears both when done. No statement
 * ever waits on another session, so it suits databases whose lock waits cannot be
 * timed out, and it needs no connection of its own while it waits.
 * <p>
 * A holder that dies leaves the lease behind until it expires: at most its duration
 * ({@link LockRequest#lease()}, 30 s by default).
 * A holder that lives keeps it, renewed every third of that from a connection of its own (on
 * a thread of its own) and before every migration commits; if it was lost anyway (the holder stalled longer than
 * the lease and another instance took over), {@link MigrationLock#verify} says so before
 * anything more commits.
 */
final class LeaseLock implements MigrationLock {

	private final DataSource dataSource;

	private final Connection session;

	private final String table;

	private final String owner;

	private final Duration duration;

	private @Nullable ScheduledExecutorService renewals;

	private LeaseLock(DataSource dataSource, Connection session, String table, String owner, Duration duration) {
		this.dataSource = dataSource;
		this.duration = duration;
		this.session = session;
		this.table = table;
		this.owner = owner;
	}

	/**
	 * Take the lease, waiting up to the request's timeout for another holder to release it or
	 * let it expire.
	 * @param request the run's connection (in auto-commit mode), the data source for renewals
	 * while that connection is busy, the lock's name, the timeout and the lease
	 * @param dialect the database's dialect, to recognise a table another instance created
	 * @return the lease, or {@code null} if it was not free in time
	 * @throws SQLException if the table cannot be created or written
	 */
	static @Nullable LeaseLock acquire(LockRequest request, TableSupport dialect) throws SQLException {
		Connection session = request.session();
		String table = request.table();
		String owner = UUID.randomUUID() + " " + describeHolder();
		LeaseLock lease = new LeaseLock(request.dataSource(), session, table, owner, request.lease());
		boolean[] created = { false };
		if (!Polling.until(request.timeout(), () -> {
			try {
				if (!created[0]) {
					createIfMissing(session, table, dialect);
					created[0] = true;
				}
				return lease.tryTake(session);
			}
			catch (SQLException ex) {
				// A certification conflict or deadlock (Galera aborts a statement that meets
				// another node's concurrent write or DDL on the lock table): another instance was
				// busy with the lock at that moment. Try again, as for a lease held.
				if ("40001".equals(ex.getSQLState())) {
					return false;
				}
				throw ex;
			}
		})) {
			return null;
		}
		long every = Math.max(1, request.lease().toMillis() / 3);
		// A thread of its own: a renewal waiting for a connection from an exhausted pool must not
		// hold up the renewals of other leases in this JVM (other tenants' runs, say).
		lease.renewals = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "smalls-lease-renewal-" + table);
			thread.setDaemon(true);
			return thread;
		});
		lease.renewals.scheduleWithFixedDelay(lease::renewQuietly, every, every, TimeUnit.MILLISECONDS);
		return lease;
	}

	private boolean tryTake(Connection session) throws SQLException {
		long now = System.currentTimeMillis();
		try (PreparedStatement take = session.prepareStatement("UPDATE " + this.table
				+ " SET owner = ?, expires_at = ?, taken_at = ? WHERE id = 1 AND (owner IS NULL OR expires_at < ?)")) {
			take.setString(1, this.owner);
			take.setLong(2, now + this.duration.toMillis());
			take.setLong(3, now);
			take.setLong(4, now);
			return take.executeUpdate() == 1;
		}
	}

	private static void createIfMissing(Connection session, String table, TableSupport dialect) throws SQLException {
		// Only DDL where something is missing: on a Galera cluster even a CREATE TABLE that
		// fails because the table exists runs on every node, and aborts a transaction that is
		// using the table there: the holder's migration, at its commit.
		if (rowExists(session, table, dialect)) {
			return;
		}
		try (Statement statement = session.createStatement()) {
			statement.execute("CREATE TABLE " + table
					+ " (id INT NOT NULL PRIMARY KEY, owner VARCHAR(255), expires_at BIGINT NOT NULL, taken_at BIGINT)");
		}
		catch (SQLException ex) {
			if (!dialect.isAlreadyExists(ex)) {
				throw ex;
			}
		}
		try (Statement statement = session.createStatement()) {
			statement.execute("INSERT INTO " + table + " (id, owner, expires_at) VALUES (1, NULL, 0)");
		}
		catch (SQLException ex) {
			// Another instance inserted it first: on one server a duplicate key, across the
			// nodes of a Galera cluster a certification conflict (40001).
			if (!dialect.isDuplicateKey(ex) && !"40001".equals(ex.getSQLState())) {
				throw ex;
			}
		}
	}

	private static boolean rowExists(Connection session, String table, TableSupport dialect) throws SQLException {
		try (Statement statement = session.createStatement();
				ResultSet row = statement.executeQuery("SELECT id FROM " + table + " WHERE id = 1")) {
			return row.next();
		}
		catch (SQLException ex) {
			if (dialect.isMissingTable(session, table, ex)) {
				return false;
			}
			throw ex;
		}
	}

	/** Renew on a connection of its own while the run's connection is in a migration. */
	private void renewQuietly() {
		try (Connection connection = this.dataSource.getConnection()) {
			renew(connection);
		}
		catch (SQLException ex) {
			// verify() renews before every commit and reports a lost lease there.
		}
	}

	private boolean renew(Connection connection) throws SQLException {
		try (PreparedStatement renew = connection
			.prepareStatement("UPDATE " + this.table + " SET expires_at = ? WHERE id = 1 AND owner = ?")) {
			renew.setLong(1, System.currentTimeMillis() + this.duration.toMillis());
			renew.setString(2, this.owner);
			return renew.executeUpdate() == 1;
		}
	}

	/** What a killed holder does: nothing more. For tests. */
	void stopRenewing() {
		if (this.renewals != null) {
			// Cancels the next renewals; one already running finishes, and only extends a lease
			// that is still ours.
			this.renewals.shutdown();
		}
	}

	@Override
	public void verify(Connection work) throws SQLException {
		if (!renew(work)) {
			throw new SQLException("The migration lock's lease in " + this.table + " ran out and another instance "
					+ "holds it now");
		}
	}

	@Override
	public void close() throws SQLException {
		stopRenewing();
		// On the run's connection, which is still open and whose work is all committed.
		try (PreparedStatement release = this.session
			.prepareStatement("UPDATE " + this.table + " SET owner = NULL, expires_at = 0 WHERE id = 1 AND owner = ?")) {
			release.setString(1, this.owner);
			release.executeUpdate();
		}
		if (!this.session.getAutoCommit()) {
			this.session.commit();
		}
	}

	private static String describeHolder() {
		return ThisProcess.NAME;
	}

	/**
	 * Who holds the lease, if anybody does and it has not expired.
	 * @param connection any connection to the database
	 * @param table the lock table
	 * @return the holder, or {@code null} when the lease is free, expired, or was never taken
	 */
	static @Nullable LockHolder holder(Connection connection, String table) {
		try (Statement statement = connection.createStatement(); ResultSet row = statement
			.executeQuery("SELECT owner, expires_at, taken_at FROM " + table + " WHERE id = 1")) {
			if (!row.next() || row.getString(1) == null || row.getLong(2) < System.currentTimeMillis()) {
				return null;
			}
			String owner = row.getString(1);
			String process = owner.substring(owner.indexOf(' ') + 1);
			Instant until = Instant.ofEpochMilli(row.getLong(2));
			long takenAt = row.getLong(3);
			Instant since = row.wasNull() ? null : Instant.ofEpochMilli(takenAt);
			return new LockHolder("process " + process + " (lease until " + until + ")", since);
		}
		catch (SQLException ex) {
			return null;
		}
	}

}
