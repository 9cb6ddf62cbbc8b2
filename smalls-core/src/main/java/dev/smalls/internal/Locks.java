package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.smalls.LockStatus;
import dev.smalls.SmallsLockException;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.dialect.lock.LockConnectionException;
import dev.smalls.dialect.lock.LockHolder;
import dev.smalls.dialect.lock.LockRequest;
import dev.smalls.dialect.lock.LockType;
import dev.smalls.dialect.lock.MigrationLock;

/**
 * Takes, probes and describes the migration lock of one database and history table, with
 * the strategy the migrator was built with, and words every failure for the operator.
 * Internal: not for use outside smalls.
 */
final class Locks {

	private final Connection session;

	private final DataSource dataSource;

	private final SmallsDialect dialect;

	private final String table;

	private final RunSession.LockSettings settings;

	private final Map<LockStrategy, LockType> types;

	Locks(Connection session, DataSource dataSource, SmallsDialect dialect, String table,
			RunSession.LockSettings settings) {
		this.session = session;
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.table = table;
		this.settings = settings;
		this.types = dialect.locks();
	}

	/**
	 * Take the migration lock, waiting up to the timeout.
	 * @return the held lock
	 * @throws SmallsLockException if it was not free in time or could not be taken
	 */
	MigrationLock take() {
		MigrationLock lock = tryTake(this.settings.timeout());
		if (lock == null) {
			throw timedOut(null);
		}
		return lock;
	}

	/**
	 * The failure of a run that waited its lock timeout for another instance's lock: who
	 * holds it, where the database can tell, and what to do if that holder is gone.
	 * @param cause what gave up waiting, if anything did
	 * @return the failure
	 */
	SmallsLockException timedOut(@Nullable Throwable cause) {
		LockHolder holder = holder();
		String ifGone = (holder != null && holder.ifGone() != null) ? " " + holder.ifGone()
				: " A lock dies with its holder (a lease within its duration): if that instance was killed, the "
						+ "lock is free again once the database has noticed.";
		return new SmallsLockException("Another instance has held the smalls migration lock for " + this.table
				+ " for more than " + this.settings.timeout().toMillis() + " ms"
				+ ((holder != null) ? ": " + describe(holder) : "") + ". Nothing was run.",
				"Wait for that instance to finish migrating, or allow a longer lock timeout." + ifGone, cause);
	}

	/**
	 * The failure of a run that waited its lock timeout for another instance to finish
	 * migrating: under a lock each transaction takes, the history kept changing.
	 * @return the failure
	 */
	SmallsLockException stillMigrating() {
		return new SmallsLockException("Another instance has been migrating " + this.table + " for more than "
				+ this.settings.timeout().toMillis() + " ms: the history kept changing while this instance waited. "
				+ "Nothing was run.", "Wait for that instance to finish, or allow a longer lock timeout; then run "
						+ "again, and this instance applies whatever is still pending.", null);
	}

	/**
	 * Probe the lock: take it without waiting and release it at once, or say who holds it.
	 * @return the lock's status
	 */
	LockStatus status() {
		MigrationLock probe = tryTake(Duration.ZERO);
		if (probe == null || probe.perTransaction()) {
			// Held by another, or (a lock each transaction takes) held only while a transaction is
			// open: the database says by whom.
			LockHolder holder = holder();
			return new LockStatus(probe == null || holder != null, (holder != null) ? holder.description() : null,
					(holder != null) ? holder.since() : null, this.settings.strategy());
		}
		try {
			probe.close();
		}
		catch (SQLException ex) {
			RunSession.Logging.debug("Could not release the probed lock", ex);
		}
		return new LockStatus(false, null, null, this.settings.strategy());
	}

	/**
	 * The lock's status on a database smalls never migrated, where a probe must not create
	 * the table some locks keep: a lock that needs a table nobody created is held by nobody;
	 * any other (an advisory or named lock) is asked of the database, without taking it.
	 * @return the lock's status
	 */
	LockStatus statusWithoutCreating() {
		LockType type = this.types.get(this.settings.strategy());
		boolean lockTable = false;
		if (type != null && type.keepsTable()) {
			try {
				lockTable = this.dialect.hasTable(this.session, new SmallsTables(this.table).lock());
			}
			catch (SQLException ex) {
				lockTable = false;
			}
		}
		if (type == null || !type.keepsTable() || lockTable) {
			return status();
		}
		LockHolder holder = holder();
		return new LockStatus(holder != null, (holder != null) ? holder.description() : null,
				(holder != null) ? holder.since() : null, this.settings.strategy());
	}

	private @Nullable MigrationLock tryTake(Duration timeout) {
		LockStrategy strategy = this.settings.strategy();
		LockType type = this.types.get(strategy);
		if (type == null) {
			throw new SmallsLockException("smalls cannot take a " + display(strategy) + " lock on "
					+ this.dialect.databaseName() + ". Nothing was run.",
					"Choose one of the lock strategies " + this.dialect.databaseName() + " supports: "
							+ this.types.keySet().stream().map(Locks::display).sorted().toList() + ".",
					null);
		}
		try {
			return type.acquire(request(timeout));
		}
		catch (LockConnectionException | SQLTransientConnectionException ex) {
			throw new SmallsLockException("smalls could not take the migration lock for " + this.table + ": "
					+ Failures.causeOf(ex) + ". Nothing was run.", "The " + display(strategy) + " lock on "
							+ this.dialect.databaseName() + " holds a connection of its own while the run works on "
							+ "another: give the pool at least two connections, or use the lease lock, which needs "
							+ "none.", ex);
		}
		catch (SQLException | RuntimeException ex) {
			throw new SmallsLockException("smalls could not take the migration lock for " + this.table + ": "
					+ Failures.causeOf(ex) + ". Nothing was run.", "Check that the database user may take "
							+ this.dialect.databaseName() + " locks, and create tables if the lock needs one.", ex);
		}
	}

	/** Who holds the lock, where the database can tell; {@code null} otherwise. */
	private @Nullable LockHolder holder() {
		LockType type = this.types.get(this.settings.strategy());
		if (type == null) {
			return null;
		}
		try {
			return type.holder(request(this.settings.timeout()));
		}
		catch (SQLException ex) {
			RunSession.Logging.debug("Could not find out who holds the lock", ex);
			return null;
		}
	}

	private LockRequest request(Duration timeout) {
		return new LockRequest(this.session, this.dataSource, this.table, new SmallsTables(this.table).lock(), timeout,
				this.settings.lease());
	}

	private static String describe(LockHolder holder) {
		return "it is held by " + holder.description() + ((holder.since() != null) ? ", since " + holder.since() : "");
	}

	private static String display(LockStrategy strategy) {
		return strategy.name().toLowerCase(Locale.ROOT);
	}

}
