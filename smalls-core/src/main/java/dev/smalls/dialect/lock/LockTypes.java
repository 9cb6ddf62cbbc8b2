package dev.smalls.dialect.lock;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The locks smalls ships, for dialects to map their lock strategies to.
 */
public final class LockTypes {

	private LockTypes() {
	}

	/**
	 * A lease in the lock table: no statement ever waits on another session, and no
	 * connection is held while waiting; a dead holder's lease lasts until it expires.
	 * @param database the database's type names and error recognition
	 * @return the lease
	 */
	public static LockType lease(TableSupport database) {
		return new LockType() {

			@Override
			public @Nullable MigrationLock acquire(LockRequest request) throws SQLException {
				return LeaseLock.acquire(request, database);
			}

			@Override
			public @Nullable LockHolder holder(LockRequest request) {
				return LeaseLock.holder(request.session(), request.table());
			}

			@Override
			public boolean keepsTable() {
				return true;
			}

		};
	}

	/**
	 * Row 1 of the lock table, updated by a transaction kept open on a connection of its own
	 * for the whole run: the database releases it when that connection dies.
	 * @param database the database's type names and error recognition
	 * @param waits how the database bounds the wait for the row
	 * @return the row lock
	 */
	public static LockType rowLock(TableSupport database, RowLockWaits waits) {
		return new LockType() {

			@Override
			public @Nullable MigrationLock acquire(LockRequest request) throws SQLException {
				return RowLock.acquire(request, database, waits);
			}

			@Override
			public @Nullable LockHolder holder(LockRequest request) throws SQLException {
				return RowLock.holder(request.session(), request.table());
			}

			@Override
			public boolean keepsTable() {
				return true;
			}

		};
	}

	/**
	 * PostgreSQL's advisory lock held by the run's session ({@code pg_try_advisory_lock}):
	 * direct connections only.
	 * @return the session advisory lock
	 */
	public static LockType postgresSession() {
		return new LockType() {

			@Override
			public @Nullable MigrationLock acquire(LockRequest request) throws SQLException {
				return AdvisoryLock.acquire(request);
			}

			@Override
			public @Nullable LockHolder holder(LockRequest request) throws SQLException {
				return AdvisoryLock.holder(request.session(), request.name());
			}

		};
	}

	/**
	 * PostgreSQL's advisory lock taken by every transaction that changes the history
	 * ({@code pg_try_advisory_xact_lock}) and released with it: it holds through a pooler in
	 * transaction mode, and needs no second connection.
	 * @return the transaction advisory lock
	 */
	public static LockType postgresTransaction() {
		return new LockType() {

			@Override
			public MigrationLock acquire(LockRequest request) {
				return new TransactionAdvisoryLock(request.name().hashCode());
			}

			@Override
			public @Nullable LockHolder holder(LockRequest request) throws SQLException {
				return AdvisoryLock.holder(request.session(), request.name());
			}

		};
	}

	/**
	 * An operating-system lock on a file beside the database's, for a database that every
	 * process opens as a file on the same machine (SQLite).
	 * @param databaseFile the database file of a JDBC URL, {@code null} for a database in
	 * memory (then the lock is this JVM's alone)
	 * @return the file lock
	 */
	public static LockType lockFile(Function<String, @Nullable Path> databaseFile) {
		return new LockFile(databaseFile);
	}

	/**
	 * MariaDB's and MySQL's {@code GET_LOCK}, held by the run's session.
	 * @return the named lock
	 */
	public static LockType mysqlNamed() {
		return new LockType() {

			@Override
			public @Nullable MigrationLock acquire(LockRequest request) throws SQLException {
				return NamedLock.acquire(request);
			}

			@Override
			public @Nullable LockHolder holder(LockRequest request) throws SQLException {
				return NamedLock.holder(request.session(), request.name());
			}

		};
	}

}
