package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsException;
import dev.smalls.SmallsLockException;
import dev.smalls.dialect.LockConnectionException;
import dev.smalls.dialect.MigrationLock;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;

/**
 * One run's connection to the database: borrowed once, read and written with plain JDBC
 * for smalls' own bookkeeping, lent to migrations through {@link StepTransactions}, and
 * handed back as it was lent (auto-commit as the pool had it, no open transaction).
 * Internal: not for use outside smalls.
 */
public final class RunSession implements AutoCloseable {

	private final DataSource dataSource;

	private final HistoryTable history;

	private final Connection connection;

	private final SmallsDialect dialect;

	private final boolean lentAutoCommit;

	private boolean autoCommit;

	private HistoryTable.@Nullable Writer writer;

	private @Nullable StepTransactions transactions;

	private RunSession(DataSource dataSource, HistoryTable history, Connection connection, SmallsDialect dialect,
			boolean lentAutoCommit) {
		this.dataSource = dataSource;
		this.history = history;
		this.connection = connection;
		this.dialect = dialect;
		this.lentAutoCommit = lentAutoCommit;
		this.autoCommit = lentAutoCommit;
	}

	/**
	 * Borrow a connection and put it in auto-commit mode for smalls' own reads.
	 * @param dataSource the database
	 * @param history the history table
	 * @param dialects where the dialect is found (and kept) for this database
	 * @return the session
	 */
	static RunSession open(DataSource dataSource, HistoryTable history, DialectCache dialects) {
		Connection connection;
		try {
			connection = dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new SmallsException("smalls could not connect to the database: " + Failures.causeOf(ex) + ".",
					"Check the data source's URL, user and password, and that the database is up.", ex);
		}
		try {
			boolean lent = connection.getAutoCommit();
			RunSession session = new RunSession(dataSource, history, connection, dialects.get(connection), lent);
			session.autoCommit(true);
			return session;
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection);
			if (ex instanceof SQLException sql) {
				throw failure("prepare its connection", sql);
			}
			throw (RuntimeException) ex;
		}
	}

	SmallsDialect dialect() {
		return this.dialect;
	}

	String table() {
		return this.history.name();
	}

	/**
	 * The applied sequences, without a lock.
	 * @return the sequences, or {@code null} if the history table does not exist
	 */
	@Nullable AppliedSequences readSequences() {
		try {
			return this.history.readSequences(this.connection, this.dialect);
		}
		catch (SQLException ex) {
			throw failure("read its history table " + table(), ex);
		}
	}

	/**
	 * Every history row.
	 * @param create whether to create the table if it is missing (under the lock only)
	 * @return the history, empty if there is no table
	 */
	History readHistory(boolean create) {
		History read;
		try {
			read = this.history.read(this.connection, this.dialect);
		}
		catch (SQLException ex) {
			throw failure("read its history table " + table(), ex);
		}
		if (read == null && create) {
			try {
				this.history.create(this.connection, this.dialect);
			}
			catch (SQLException ex) {
				throw failure("create its history table " + table(), ex);
			}
		}
		return (read != null) ? read : History.empty();
	}

	/**
	 * Take the migration lock, waiting up to the timeout.
	 * @param timeout how long to wait
	 * @return the held lock
	 * @throws SmallsLockException if it was not free in time or could not be taken
	 */
	MigrationLock lock(Duration timeout) {
		MigrationLock lock;
		try {
			lock = this.dialect.lock(this.connection, this.dataSource, table(), timeout);
		}
		catch (LockConnectionException | SQLTransientConnectionException ex) {
			throw new SmallsLockException("smalls could not take the migration lock for " + table() + ": "
					+ Failures.causeOf(ex) + ". Nothing was run.", "The " + this.dialect.databaseName()
							+ " lock holds a second connection while the run works on the first: give the pool at "
							+ "least two connections.", ex);
		}
		catch (SQLException | RuntimeException ex) {
			throw new SmallsLockException("smalls could not take the migration lock for " + table() + ": "
					+ Failures.causeOf(ex) + ". Nothing was run.",
					"Check that the database user may take " + this.dialect.databaseName()
							+ " locks, and create tables if the lock needs one.",
					ex);
		}
		if (lock == null) {
			throw new SmallsLockException("Another instance has held the smalls migration lock for " + table()
					+ " for more than " + timeout.toMillis() + " ms. Nothing was run.",
					"Wait for the other instance to finish migrating, or allow a longer lock timeout. The lock "
							+ "belongs to a database session, so a killed instance never leaves it behind: if it "
							+ "is still held, a live connection holds it.",
					null);
		}
		return lock;
	}

	/**
	 * The transactions of this run's steps, set up on first use.
	 * @return the step transactions
	 */
	StepTransactions transactions() {
		StepTransactions transactions = this.transactions;
		if (transactions == null) {
			transactions = new StepTransactions(this.dataSource, this.connection, this.dialect);
			this.transactions = transactions;
		}
		return transactions;
	}

	/**
	 * Switch auto-commit, only when it changes: on most drivers each switch is a round trip.
	 * @param on whether statements commit on their own
	 */
	void autoCommit(boolean on) {
		if (this.autoCommit != on) {
			try {
				this.connection.setAutoCommit(on);
				this.autoCommit = on;
			}
			catch (SQLException ex) {
				throw failure((on ? "switch auto-commit on" : "start a transaction"), ex);
			}
		}
	}

	/** The history writer, its statements prepared on first use and kept for the run. */
	HistoryTable.Writer writer() {
		HistoryTable.Writer writer = this.writer;
		if (writer == null) {
			writer = this.history.writer(this.connection, this.dialect);
			this.writer = writer;
		}
		return writer;
	}

	/** The raw connection, for smalls' own statements within a step's transaction. */
	Connection connection() {
		return this.connection;
	}

	static SmallsException failure(String what, SQLException ex) {
		return new SmallsException("smalls could not " + what + ": " + Failures.causeOf(ex) + ".",
				"Check the database connection and try again.", ex);
	}

	@Override
	public void close() {
		if (this.transactions != null) {
			this.transactions.close();
		}
		try {
			if (this.writer != null) {
				this.writer.close();
			}
		}
		catch (SQLException ex) {
			Logging.debug("Could not close the history statements", ex);
		}
		try {
			// Hand the connection back as it was lent: no transaction left open, auto-commit as
			// the pool had it (pools do not all reset it).
			if (!this.autoCommit) {
				this.connection.rollback();
			}
			if (this.autoCommit != this.lentAutoCommit) {
				this.connection.setAutoCommit(this.lentAutoCommit);
			}
		}
		catch (SQLException ex) {
			Logging.debug("Could not restore the connection's auto-commit mode", ex);
		}
		closeQuietly(this.connection);
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			Logging.debug("Could not close connection", ex);
		}
	}

	/**
	 * The dialect of the migrated database: the one given, or the one detected on the first
	 * connection and kept.
	 */
	static final class DialectCache {

		private volatile @Nullable SmallsDialect dialect;

		DialectCache(@Nullable SmallsDialect given) {
			this.dialect = given;
		}

		SmallsDialect get(Connection connection) throws SQLException {
			SmallsDialect known = this.dialect;
			if (known == null) {
				try {
					known = SmallsDialects.detect(connection);
				}
				catch (SmallsDialects.UnsupportedDatabaseException ex) {
					throw new SmallsException(ex.getMessage() + ".", "Give smalls a dialect for this database.", ex);
				}
				this.dialect = known;
			}
			return known;
		}

	}

	/**
	 * The logger, made on first use: an up-to-date start-up logs nothing, and in a fresh JVM it
	 * need not load a logging bridge to find that out.
	 */
	static final class Logging {

		static final Log logger = LogFactory.getLog("dev.smalls.SmallsMigrator");

		static void debug(String message, Throwable ex) {
			logger.debug(message, ex);
		}

	}

}
