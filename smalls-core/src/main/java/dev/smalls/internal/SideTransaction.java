package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.StepStatements;
import dev.smalls.dialect.StepStatements.Entry;
import dev.smalls.dialect.StepStatements.Step;
import dev.smalls.dialect.lock.LockConnectionException;
import dev.smalls.dialect.lock.MigrationLock;

/**
 * A transaction on a second connection that holds a lock each transaction takes while a
 * migration that is not transactional runs on the run's connection, statement by statement,
 * and then records it: the transaction that commits the history change is the one that held
 * the lock throughout. Internal: not for use outside smalls.
 */
final class SideTransaction implements AutoCloseable {

	private final Connection connection;

	private final StepStatements statements;

	private boolean entered;

	private boolean committed;

	private SideTransaction(Connection connection, StepStatements statements) {
		this.connection = connection;
		this.statements = statements;
	}

	/**
	 * Open the second connection and take the lock in a transaction on it, waiting while
	 * another instance holds it.
	 * @param session the run
	 * @param lock the run's lock
	 * @param step the step, already marked or to be marked outside this transaction
	 * @param settings how long to wait
	 * @return the transaction; {@link #entered()} is {@code false} if the step is no longer
	 * what the plan said
	 * @throws SQLException if the connection or the lock cannot be had
	 */
	static SideTransaction enter(RunSession session, MigrationLock lock, Step step, StepSettings settings)
			throws SQLException {
		Connection connection;
		try {
			connection = session.dataSource().getConnection();
		}
		catch (SQLException ex) {
			throw new LockConnectionException("A migration that is not transactional runs on the run's connection "
					+ "while a transaction on a second connection holds the migration lock, and the data source lent "
					+ "no second connection: " + ex.getMessage(), ex);
		}
		SideTransaction side = new SideTransaction(connection, session.dialect()
			.stepStatements(new StepStatements.Settings(session.table(), session.marks().table(), null,
					settings.statementTimeout()), lock));
		try {
			connection.setAutoCommit(false);
			long deadline = System.nanoTime() + settings.lockTimeout().toNanos();
			long pause = 10;
			while (true) {
				Entry entry = side.statements.enter(connection, step);
				if (entry == Entry.GO) {
					side.entered = true;
					return side;
				}
				connection.rollback();
				if (entry == Entry.CHANGED) {
					return side;
				}
				pause = Pause.next(pause, deadline, () -> new IllegalStateException("another instance held the "
						+ "migration lock for more than " + settings.lockTimeout().toMillis() + " ms"));
			}
		}
		catch (SQLException | RuntimeException ex) {
			side.close();
			throw ex;
		}
	}

	boolean entered() {
		return this.entered;
	}

	Connection connection() {
		return this.connection;
	}

	StepStatements statements() {
		return this.statements;
	}

	void commit() throws SQLException {
		this.connection.commit();
		this.committed = true;
	}

	@Override
	public void close() {
		@Nullable SQLException failure = null;
		try {
			this.statements.close();
		}
		catch (SQLException ex) {
			failure = ex;
		}
		try {
			if (!this.committed) {
				this.connection.rollback();
			}
			this.connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			failure = ex;
		}
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			failure = ex;
		}
		if (failure != null) {
			RunSession.Logging.debug("Could not end the lock's second connection cleanly", failure);
		}
	}

}
