package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.dialect.StepStatements;
import dev.smalls.dialect.lock.MigrationLock;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;

/**
 * One run's connection to the database: borrowed once, read and written with plain JDBC
 * for smalls' own bookkeeping, lent to migrations through {@link StepTransactions}, and
 * handed back as it was lent (auto-commit as the pool had it, no open transaction).
 * Internal: not for use outside smalls.
 */
final class RunSession implements AutoCloseable {

	private final DataSource dataSource;

	private final HistoryTable history;

	private final Connection connection;

	private final SmallsDialect dialect;

	private final boolean lentAutoCommit;

	private final InterruptedRuns marks;

	private final OwnTables ownTables;

	private final boolean safeRewrites;

	private @Nullable String schema;

	private @Nullable Object lentSchema;

	private boolean schemaChanged;

	private boolean autoCommit;

	/** The step statements made for the run, by their settings: {@code [statement timeout, lock timeout]}. */
	/** The schema migrations' plans, made once per run. */
	private final java.util.Map<SchemaMigration, SchemaPlan> plans = new java.util.IdentityHashMap<>();

	private final java.util.Map<java.util.List<@Nullable Duration>, StepStatements> statements = new java.util.HashMap<>();

	private @Nullable StepTransactions transactions;

	private RunSession(DataSource dataSource, HistoryTable history, Connection connection, SmallsDialect dialect,
			boolean lentAutoCommit, boolean safeRewrites) {
		this.safeRewrites = safeRewrites;
		this.dataSource = dataSource;
		this.history = history;
		this.connection = connection;
		this.dialect = dialect;
		this.lentAutoCommit = lentAutoCommit;
		this.autoCommit = lentAutoCommit;
		this.marks = new InterruptedRuns(history.name(), dialect);
		this.ownTables = new OwnTables(new SmallsTables(history.name()), dialect);
	}

	/**
	 * Borrow a connection and put it in auto-commit mode for smalls' own reads.
	 * @param dataSource the database
	 * @param schema the schema the run's migrations work in (a tenant's), or {@code null}
	 * @param history the history table
	 * @param dialects where the dialect is found (and kept) for this database
	 * @param strategy the run's lock strategy: on a database that sets the schema in each
	 * transaction, only {@link LockStrategy#SESSION} (direct connections) also sets it on the
	 * session
	 * @param safeRewrites whether every schema operation runs in its safe form
	 * @return the session
	 */
	static RunSession open(DataSource dataSource, @Nullable String schema, HistoryTable history,
			DialectCache dialects, LockStrategy strategy, boolean safeRewrites) {
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
			RunSession session = new RunSession(dataSource, history, connection, dialects.get(connection), lent,
					safeRewrites);
			session.autoCommit(true);
			if (schema != null) {
				session.schema = schema;
				if (!session.dialect.setsSchemaPerTransaction() || strategy == LockStrategy.SESSION) {
					session.useSchema(schema);
				}
				else {
					session.checkSchema(schema);
				}
			}
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

	private void useSchema(String schema) {
		try {
			this.lentSchema = this.dialect.currentSchema(this.connection);
			this.schemaChanged = true;
			this.dialect.useSchema(this.connection, schema);
		}
		catch (SQLException ex) {
			close();
			throw new SmallsException("smalls could not run in schema " + schema + ": " + Failures.causeOf(ex) + ".",
					"Create the schema first (smalls does not create a tenant's schema), or correct its name.", ex);
		}
	}

	/**
	 * Where the schema is set in each transaction, make sure once that it exists, in a
	 * transaction of its own: a session setting would outlive the run on a pooled server
	 * connection.
	 */
	private void checkSchema(String schema) {
		try {
			this.connection.setAutoCommit(false);
			try {
				this.dialect.useSchema(this.connection, schema);
			}
			finally {
				this.connection.rollback();
				this.connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			close();
			throw new SmallsException("smalls could not run in schema " + schema + ": " + Failures.causeOf(ex) + ".",
					"Create the schema first (smalls does not create a tenant's schema), or correct its name.", ex);
		}
	}

	/**
	 * A schema migration's operations as this run runs them: each in its safe form where the
	 * migrator is set to, or the migration asked for it.
	 * @param migration the migration
	 * @return its plan
	 */
	SchemaPlan plan(SchemaMigration migration) {
		// Read once per run: a step asks for it when it decides on a transaction, prepares,
		// runs and records, and change(..) may cost (it records the same operations each time).
		SchemaPlan plan = this.plans.get(migration);
		if (plan == null) {
			plan = plan(migration, this.safeRewrites);
			this.plans.put(migration, plan);
		}
		return plan;
	}

	/**
	 * A schema migration's operations as a run would run them.
	 * @param migration the migration
	 * @param safeRewrites whether every operation runs in its safe form
	 * @return its plan
	 */
	static SchemaPlan plan(SchemaMigration migration, boolean safeRewrites) {
		SchemaPlan plan = SchemaPlan.of(migration);
		return safeRewrites ? plan.withSafeRewrites() : plan;
	}

	/**
	 * Whether a migration runs in a transaction on this database: unless it says it cannot,
	 * or its operations' safe forms here must commit one by one (then it runs as a migration
	 * that is not transactional: marked before, its failure undone by inverses, repairable).
	 * @param migration the migration
	 * @return {@code true} for a transaction
	 */
	boolean transactional(SmallsMigration migration) {
		if (!migration.transactional() || !(migration instanceof SchemaMigration schema)) {
			return migration.transactional();
		}
		try {
			return !plan(schema).runsOutsideTransaction(this.dialect);
		}
		catch (SmallsException ex) {
			// Operations smalls refuses: refused where the step prepares, with its report.
			return true;
		}
	}

	SmallsDialect dialect() {
		return this.dialect;
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * The schema the run's migrations work in, a tenant's, if any.
	 * @return the schema, or {@code null}
	 */
	@Nullable String schema() {
		return this.schema;
	}

	/**
	 * The marks of steps that may be in effect in part.
	 * @return the marks
	 */
	InterruptedRuns marks() {
		return this.marks;
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
	 * The applied sequences and their recorded checksums, without a lock.
	 * @return the sequences, or {@code null} if the history table does not exist
	 */
	@Nullable AppliedSequences readChecksums() {
		try {
			return this.history.readChecksums(this.connection, this.dialect);
		}
		catch (SQLException ex) {
			throw failure("read its history table " + table(), ex);
		}
	}

	/**
	 * Record a checksum a person accepted, under the lock.
	 * @param sequence the migration
	 * @param checksum its checksum
	 */
	void acceptChecksum(int sequence, String checksum) {
		try {
			this.history.updateChecksum(this.connection, this.dialect, sequence, checksum);
		}
		catch (SQLException ex) {
			throw failure("record the checksum of " + sequence + " in its history table " + table(), ex);
		}
	}

	/**
	 * The layout of smalls' tables, without the lock.
	 * @param historyExists whether the history table was found
	 * @return the layout
	 * @throws SmallsException if a newer smalls wrote tables this one cannot use
	 */
	OwnTables.Layout readLayout(boolean historyExists) {
		try {
			return this.ownTables.read(this.connection, historyExists);
		}
		catch (SQLException ex) {
			throw failure("read " + new SmallsTables(table()).layout(), ex);
		}
	}

	/**
	 * Bring smalls' tables to this smalls' layout, under the lock.
	 * @param seen the layout found without the lock
	 * @param by who upgrades, for the record
	 * @return the layout now
	 * @throws SQLException on failure
	 */
	OwnTables.Layout ensureLayout(OwnTables.Layout seen, String by) throws SQLException {
		OwnTables.Layout now = this.ownTables.ensure(this.connection, seen, by);
		this.marks.exists();
		return now;
	}

	/**
	 * Every history row.
	 * @return the history, empty if there is no table
	 */
	History readHistory() {
		History read;
		try {
			read = this.history.read(this.connection, this.dialect);
		}
		catch (SQLException ex) {
			throw failure("read its history table " + table(), ex);
		}
		return (read != null) ? read : History.empty();
	}

	/**
	 * What the database left behind when a process was killed in its DDL, for status to say.
	 * @return the notes, empty if there are none or the database cannot say
	 */
	java.util.List<String> leftovers() {
		try {
			return this.dialect.leftovers(this.connection);
		}
		catch (SQLException ex) {
			Logging.debug("Could not look for what the database left behind", ex);
			return java.util.List.of();
		}
	}

	/**
	 * The migration lock of this session's database and history table.
	 * @param settings the strategy, timeout and lease
	 * @return the lock keeper
	 */
	Locks locks(LockSettings settings) {
		return new Locks(this.connection, this.dataSource, this.dialect, table(), settings);
	}

	/**
	 * How a run locks.
	 *
	 * @param strategy the strategy
	 * @param timeout how long to wait for another holder
	 * @param lease how long a lease lasts unless renewed
	 */
	record LockSettings(LockStrategy strategy, Duration timeout, Duration lease) {
	}

	/**
	 * The transactions of this run's steps, set up on first use.
	 * @return the step transactions
	 */
	StepTransactions transactions() {
		StepTransactions transactions = this.transactions;
		if (transactions == null) {
			transactions = new StepTransactions(this.dataSource, this.connection);
			this.transactions = transactions;
		}
		return transactions;
	}

	/**
	 * Run code that is not part of the run's steps (a callback) away from the run's
	 * connection, so that its own database work commits on its own.
	 * @param work the code
	 */
	void outsideTheRun(Runnable work) {
		if (this.transactions != null) {
			this.transactions.outside(work);
		}
		else {
			work.run();
		}
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

	/**
	 * The statements around the run's steps, made on first use and kept for the run.
	 * @param lock the run's lock
	 * @param statementTimeout the longest a statement of a step may run, or {@code null}
	 * @return the statements
	 */
	StepStatements statements(MigrationLock lock, @Nullable Duration statementTimeout) {
		return statements(lock, statementTimeout, null);
	}

	/**
	 * The statements around the run's steps with these settings, made on first use and kept
	 * for the run: migration steps may have DDL timeouts that smalls' own transactions do not.
	 * @param lock the run's lock
	 * @param statementTimeout the longest a statement of a step may run, or {@code null}
	 * @param lockTimeout the longest a statement of a step may wait for a lock, or {@code null}
	 * @return the statements
	 */
	StepStatements statements(MigrationLock lock, @Nullable Duration statementTimeout,
			@Nullable Duration lockTimeout) {
		return this.statements.computeIfAbsent(java.util.Arrays.asList(statementTimeout, lockTimeout), (key) -> {
			String schema = this.dialect.setsSchemaPerTransaction() ? this.schema : null;
			return this.dialect.stepStatements(new StepStatements.Settings(table(), this.marks.table(), schema,
					statementTimeout, lockTimeout), lock);
		});
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
		for (StepStatements statements : this.statements.values()) {
			try {
				statements.close();
			}
			catch (SQLException ex) {
				Logging.debug("Could not close the step statements", ex);
			}
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
			if (this.schemaChanged) {
				this.dialect.restoreSchema(this.connection, this.lentSchema);
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
