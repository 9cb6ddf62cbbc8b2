package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.smalls.dialect.StepStatements;
import dev.smalls.dialect.StepStatements.Entry;
import dev.smalls.dialect.StepStatements.Step;

/**
 * Spring-managed transactions for the steps of a run, on the run's own connection.
 * <p>
 * The run's connection (guarded) is bound to the thread as the {@link DataSource}'s
 * connection, and each step's transaction is begun and ended by a
 * {@link DataSourceTransactionManager} on that {@code DataSource}. So the template a
 * migration is given, and any {@code JdbcTemplate}, {@code JdbcClient} or
 * {@code NamedParameterJdbcTemplate} it builds on the same {@code DataSource}, find that
 * connection through {@code DataSourceUtils} and join the step's transaction; nested
 * {@code TransactionTemplate}s join it too. A transaction the caller already had on the
 * thread is suspended for the run and resumed afterwards.
 */
final class StepTransactions implements AutoCloseable {

	private static final TransactionDefinition STEP = new DefaultTransactionDefinition(
			TransactionDefinition.PROPAGATION_REQUIRED);

	private static final TransactionDefinition SUSPEND = new DefaultTransactionDefinition(
			TransactionDefinition.PROPAGATION_NOT_SUPPORTED);

	/**
	 * A data source that migration code may use by name, whose work must go to another one's
	 * connection: set around a rehearsal on a scratch database reached through a data source
	 * of its own (SQLite's temporary file), so that a migration that builds a template on the
	 * application's {@code DataSource} works on the scratch file, not on the real database.
	 */
	static final ThreadLocal<@Nullable DataSource> STAND_IN_FOR = new ThreadLocal<>();

	private final DataSource dataSource;

	private final @Nullable DataSource standsInFor;

	private final @Nullable Object standInUnbound;

	private final StepTransactionManager transactionManager;

	private final GuardedConnection guard;

	private final @Nullable TransactionStatus suspended;

	private final @Nullable Object unbound;

	private final JdbcTemplate jdbc;

	StepTransactions(DataSource dataSource, Connection connection) {
		this.dataSource = dataSource;
		this.transactionManager = new StepTransactionManager(dataSource);
		this.transactionManager
			.setTransactionSynchronization(AbstractPlatformTransactionManager.SYNCHRONIZATION_ON_ACTUAL_TRANSACTION);
		this.guard = new GuardedConnection(connection);
		// Somebody called smalls inside a transaction of their own: step out of it, as
		// PROPAGATION_NOT_SUPPORTED would, so that the steps commit on their own.
		boolean inTransaction = TransactionSynchronizationManager.hasResource(dataSource)
				|| TransactionSynchronizationManager.isSynchronizationActive();
		this.suspended = inTransaction ? this.transactionManager.getTransaction(SUSPEND) : null;
		// A connection bound outside any transaction is not suspended by that: set it aside.
		this.unbound = TransactionSynchronizationManager.unbindResourceIfPossible(dataSource);
		ConnectionHolder holder = new ConnectionHolder(this.guard.proxy());
		TransactionSynchronizationManager.bindResource(dataSource, holder);
		DataSource standsInFor = STAND_IN_FOR.get();
		this.standsInFor = (standsInFor != null && standsInFor != dataSource) ? standsInFor : null;
		this.standInUnbound = (this.standsInFor != null)
				? TransactionSynchronizationManager.unbindResourceIfPossible(this.standsInFor) : null;
		if (this.standsInFor != null) {
			TransactionSynchronizationManager.bindResource(this.standsInFor, holder);
		}
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** The template migrations are given: it finds the bound connection. */
	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/** Begin a step's transaction. The connection must not be in auto-commit mode. */
	TransactionStatus begin() {
		return this.transactionManager.getTransaction(STEP);
	}

	/**
	 * Begin a step's transaction with a deadline: every statement Spring JDBC runs in it
	 * (through {@code JdbcTemplate}, {@code JdbcClient}, {@code NamedParameterJdbcTemplate})
	 * gets the time left as its query timeout, and none starts once it has passed.
	 * @param timeout the step's time, or {@code null} for none
	 * @return the transaction
	 */
	TransactionStatus begin(@Nullable Duration timeout) {
		if (timeout == null) {
			return begin();
		}
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition(STEP);
		definition.setTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
		return this.transactionManager.getTransaction(definition);
	}

	/**
	 * Begin a step's transaction and enter the step, waiting (with the transaction rolled back)
	 * while another instance holds a lock each transaction takes.
	 * @param statements the run's step statements
	 * @param connection the run's connection, not in auto-commit mode
	 * @param step the step
	 * @param settings how long to wait, and the step's time
	 * @return the step's transaction, or {@code null} if the step is no longer what the plan
	 * said
	 * @throws SQLException if the database refused
	 * @throws IllegalStateException if the lock was not free in time
	 */
	@Nullable TransactionStatus beginStep(StepStatements statements, Connection connection, Step step,
			StepSettings settings) throws SQLException {
		long deadline = System.nanoTime() + settings.lockTimeout().toNanos();
		long pause = 10;
		while (true) {
			TransactionStatus transaction = begin(settings.migrationTimeout());
			Entry entry;
			try {
				entry = statements.enter(connection, step);
			}
			catch (SQLException | RuntimeException ex) {
				try {
					rollback(transaction);
				}
				catch (RuntimeException rollbackFailure) {
					ex.addSuppressed(rollbackFailure);
				}
				throw ex;
			}
			if (entry == Entry.GO) {
				return transaction;
			}
			rollback(transaction);
			if (entry == Entry.CHANGED) {
				return null;
			}
			pause = Pause.next(pause, deadline, () -> new IllegalStateException("another instance took the "
					+ "migration lock and held it for more than " + settings.lockTimeout().toMillis() + " ms"));
		}
	}

	void commit(TransactionStatus status) {
		this.transactionManager.commit(status);
	}

	/**
	 * End a step's transaction as committed.
	 * @param status the transaction
	 * @param committed whether the step statements committed it in the database already (then
	 * only Spring's side of it ends)
	 */
	void commit(TransactionStatus status, boolean committed) {
		this.transactionManager.committed = committed;
		try {
			this.transactionManager.commit(status);
		}
		finally {
			this.transactionManager.committed = false;
		}
	}

	/** Roll back a step's transaction, if it is still open. */
	void rollback(TransactionStatus status) {
		if (!status.isCompleted()) {
			this.transactionManager.rollback(status);
		}
	}

	/**
	 * Run code that is not part of any step (a callback) without the run's connection: what it
	 * writes through Spring JDBC on this {@code DataSource} goes through a connection and a
	 * transaction of its own, not into the next step's.
	 * @param work the code
	 */
	void outside(Runnable work) {
		Object holder = TransactionSynchronizationManager.unbindResource(this.dataSource);
		if (this.standsInFor != null) {
			TransactionSynchronizationManager.unbindResource(this.standsInFor);
		}
		try {
			work.run();
		}
		finally {
			TransactionSynchronizationManager.bindResource(this.dataSource, holder);
			if (this.standsInFor != null) {
				TransactionSynchronizationManager.bindResource(this.standsInFor, holder);
			}
		}
	}

	/**
	 * Cap the query timeout of every statement migration code makes on the bound connection,
	 * from now until called with {@code null}.
	 * @param timeout the longest a statement may run, or {@code null} for no cap
	 */
	void capQueryTimeouts(java.time.@Nullable Duration timeout) {
		this.guard.capQueryTimeouts((timeout != null) ? (int) Math.max(1, (timeout.toMillis() + 999) / 1000) : 0);
	}

	/** Refuse transaction control from migration code until {@link #disarm()}. */
	void arm() {
		this.guard.arm();
	}

	/**
	 * Refuse transaction control from migration code until {@link #disarm()}, and record the
	 * statements it sends.
	 * @param capture where to record them, or {@code null} not to
	 */
	void arm(@Nullable StatementCapture capture) {
		this.guard.arm(capture);
	}

	/**
	 * Record the statements migration code sends, without refusing anything (a migration that
	 * is not transactional).
	 * @param capture where to record them, or {@code null} to stop
	 */
	void capture(@Nullable StatementCapture capture) {
		this.guard.capture(capture);
	}

	/**
	 * Allow transaction control again.
	 * @return what the migration code tried, or {@code null}
	 */
	@Nullable String disarm() {
		return this.guard.disarm();
	}

	@Override
	public void close() {
		TransactionSynchronizationManager.unbindResourceIfPossible(this.dataSource);
		if (this.unbound != null) {
			TransactionSynchronizationManager.bindResource(this.dataSource, this.unbound);
		}
		if (this.standsInFor != null) {
			TransactionSynchronizationManager.unbindResourceIfPossible(this.standsInFor);
			if (this.standInUnbound != null) {
				TransactionSynchronizationManager.bindResource(this.standsInFor, this.standInUnbound);
			}
		}
		if (this.suspended != null) {
			this.transactionManager.commit(this.suspended);
		}
	}

	/**
	 * Spring's transaction manager, except where the step statements committed in the same
	 * round trip as their last statement: then the transaction ends without a commit of its own.
	 */
	private static final class StepTransactionManager extends DataSourceTransactionManager {

		private boolean committed;

		StepTransactionManager(DataSource dataSource) {
			super(dataSource);
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			if (!this.committed) {
				super.doCommit(status);
			}
		}

	}

}
