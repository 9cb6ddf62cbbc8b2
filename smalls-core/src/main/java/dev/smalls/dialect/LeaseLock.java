package dev.smalls.dialect;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
 * ({@link #DEFAULT_DURATION} unless the dialect says otherwise).
 * A holder that lives keeps it, renewed every third of that from a connection of its own
 * and before every migration commits; if it was lost anyway (the holder stalled longer than
 * the lease and another instance took over), {@link MigrationLock#verify} says so before
 * anything more commits.
 */
final class LeaseLock implements MigrationLock {

	/** How long a lease lasts unless renewed: the longest a killed holder blocks the next. */
	static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);

	private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "smalls-lease-renewal");
		thread.setDaemon(true);
		return thread;
	});

	private final DataSource dataSource;

	private final Connection session;

	private final String table;

	private final String owner;

	private final Duration duration;

	private @Nullable ScheduledFuture<?> renewal;

	private LeaseLock(DataSource dataSource, Connection session, String table, String owner, Duration duration) {
		this.dataSource = dataSource;
		this.duration = duration;
		this.session = session;
		this.table = table;
		this.owner = owner;
	}

	/**
	 * Take the lease, waiting up to {@code timeout} for another holder to release it or
	 * let it expire.
	 * @param session the run's connection, in auto-commit mode
	 * @param dataSource for renewals while the run's connection is busy
	 * @param table the lock table
	 * @param timeout how long to wait
	 * @param dialect the database's dialect, to recognise a table another instance created
	 * @param duration how long the lease lasts unless renewed
	 * @return the lease, or {@code null} if it was not free in time
	 * @throws SQLException if the table cannot be created or written
	 */
	static @Nullable LeaseLock acquire(Connection session, DataSource dataSource, String table, Duration timeout,
			SmallsDialect dialect, Duration duration) throws SQLException {
		createIfMissing(session, table, dialect);
		String owner = UUID.randomUUID() + " " + describeHolder();
		LeaseLock lease = new LeaseLock(dataSource, session, table, owner, duration);
		if (!Polling.until(timeout, () -> lease.tryTake(session))) {
			return null;
		}
		long every = Math.max(1, duration.toMillis() / 3);
		lease.renewal = RENEWALS.scheduleWithFixedDelay(lease::renewQuietly, every, every, TimeUnit.MILLISECONDS);
		return lease;
	}

	private boolean tryTake(Connection session) throws SQLException {
		long now = System.currentTimeMillis();
		try (PreparedStatement take = session.prepareStatement("UPDATE " + this.table
				+ " SET owner = ?, expires_at = ? WHERE id = 1 AND (owner IS NULL OR expires_at < ?)")) {
			take.setString(1, this.owner);
			take.setLong(2, now + this.duration.toMillis());
			take.setLong(3, now);
			return take.executeUpdate() == 1;
		}
	}

	private static void createIfMissing(Connection session, String table, SmallsDialect dialect) throws SQLException {
		try (Statement statement = session.createStatement()) {
			statement.execute("CREATE TABLE " + table
					+ " (id INT NOT NULL PRIMARY KEY, owner VARCHAR(255), expires_at BIGINT NOT NULL)");
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
			String state = ex.getSQLState();
			if (state == null || !state.startsWith("23")) {
				throw ex;
			}
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
		if (this.renewal != null) {
			this.renewal.cancel(false);
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
		if (this.renewal != null) {
			this.renewal.cancel(false);
		}
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
		return ManagementFactory.getRuntimeMXBean().getName();
	}

}
