package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsLockException;
import dev.smalls.dialect.StepStatements;
import dev.smalls.dialect.StepStatements.Entry;
import dev.smalls.dialect.StepStatements.Kind;
import dev.smalls.dialect.StepStatements.Step;
import dev.smalls.dialect.lock.MigrationLock;
import dev.smalls.internal.InterruptedRuns.Interrupted;

/**
 * A run's migration lock, and the history and marks as read under it.
 * <p>
 * A lock the run holds is taken once and released at the end. A lock each transaction takes
 * (PostgreSQL's default) is taken for the read, in a transaction that ends right after it;
 * each step takes it again and checks that it is still to be done. So that two instances do
 * not take turns through one plan, the read is only used once it finds the history as this
 * run last saw it: while another instance is migrating, the history moves between two reads,
 * and this run waits (up to the lock timeout) until it stops moving, then plans what is left.
 * Internal: not for use outside smalls.
 */
final class LockedRun implements AutoCloseable {

	private final RunSession session;

	private final Locks locks;

	private final MigrationLock lock;

	private final StepSettings settings;

	private History history = History.empty();

	private List<Interrupted> marks = List.of();

	private AppliedSequences seen;

	private OwnTables.Layout layout;

	private final String by;

	private @Nullable SideTransaction held;

	private LockedRun(RunSession session, Locks locks, MigrationLock lock, StepSettings settings,
			@Nullable AppliedSequences seen, OwnTables.Layout layout, String by) {
		this.session = session;
		this.locks = locks;
		this.lock = lock;
		this.settings = settings;
		this.seen = (seen != null) ? seen : AppliedSequences.none();
		this.layout = layout;
		this.by = by;
	}

	/**
	 * Take the lock and read the history under it, creating or upgrading smalls' tables if
	 * they are missing or older than this smalls.
	 * @param session the run
	 * @param locks the run's locks
	 * @param settings how long to wait
	 * @param seen the history as read without the lock, or {@code null} if there was no table
	 * @param layout smalls' tables' layout as read without the lock
	 * @param by who is running, recorded if the tables are upgraded
	 * @return the locked run; close it to release the lock
	 * @throws SmallsLockException if another instance kept the lock, or kept migrating, too
	 * long
	 */
	static LockedRun take(RunSession session, Locks locks, StepSettings settings, @Nullable AppliedSequences seen,
			OwnTables.Layout layout, String by) {
		MigrationLock lock = locks.take();
		LockedRun run = new LockedRun(session, locks, lock, settings, seen, layout, by);
		try {
			run.read();
		}
		catch (RuntimeException | Error ex) {
			run.close(ex);
			throw ex;
		}
		return run;
	}

	MigrationLock lock() {
		return this.lock;
	}

	/**
	 * The history as read under the lock.
	 * @return the history
	 */
	History history() {
		return this.history;
	}

	/**
	 * The marks of interrupted steps as read under the lock.
	 * @return the marks
	 */
	List<Interrupted> marks() {
		return this.marks;
	}

	/** Read again, once a step found that another instance changed the history since. */
	void reread() {
		this.seen = this.history.sequences();
		read();
	}

	/**
	 * Hold a lock each transaction takes from now until {@link #close()}, on a second
	 * connection, for work that commits as it goes (a repair); a lock the run holds is held
	 * already.
	 */
	void hold() {
		if (!this.lock.perTransaction() || this.held != null) {
			return;
		}
		Step holding = Step.other(Kind.OTHER, "", Tokens.next());
		try {
			this.held = SideTransaction.enter(this.session, this.lock, holding, this.settings);
		}
		catch (SQLException ex) {
			throw RunSession.failure("take the migration lock on a connection of its own", ex);
		}
		catch (IllegalStateException ex) {
			throw this.locks.timedOut(ex);
		}
	}

	private void read() {
		if (!this.lock.perTransaction()) {
			try {
				this.layout = this.session.ensureLayout(this.layout, this.by);
			}
			catch (SQLException ex) {
				throw RunSession.failure("create or upgrade its tables for " + this.session.table(), ex);
			}
			this.history = this.session.readHistory();
			this.marks = readMarks(this.session.connection());
			return;
		}
		StepStatements statements = this.session.statements(this.lock, this.settings.statementTimeout());
		Step planning = Step.other(Kind.OTHER, "", Tokens.next());
		Connection connection = this.session.connection();
		long deadline = System.nanoTime() + this.settings.lockTimeout().toNanos();
		long pause = 10;
		boolean moving = false;
		while (true) {
			this.session.autoCommit(false);
			try {
				if (statements.enter(connection, planning) == Entry.GO) {
					// Tables made or upgraded here commit with the read, or roll back with it.
					OwnTables.Layout now = this.session.ensureLayout(this.layout, this.by);
					History read = this.session.readHistory();
					if (read.sequences().sameAs(this.seen)) {
						this.marks = readMarks(connection);
						connection.commit();
						this.layout = now;
						this.history = read;
						return;
					}
					// Another instance is migrating: wait until it is done.
					this.seen = read.sequences();
					moving = true;
				}
				connection.rollback();
			}
			catch (SQLException ex) {
				rollbackQuietly(connection, ex);
				throw RunSession.failure("read its history table " + this.session.table() + " under the migration lock",
						ex);
			}
			boolean historyMoving = moving;
			pause = Pause.next(pause, deadline, () -> historyMoving ? this.locks.stillMigrating()
					: this.locks.timedOut(null));
		}
	}

	/**
	 * Do some work on the run's connection while the lock is held: where each transaction
	 * takes the lock, in a transaction of its own that takes it (waiting for it as a step
	 * does); otherwise in auto-commit mode, as the run holds the lock already.
	 * @param what what the work is, for errors
	 * @param work the work
	 * @param <T> what it returns
	 * @return what it returned
	 */
	<T> T underLock(String what, SqlWork<T> work) {
		Connection connection = this.session.connection();
		if (!this.lock.perTransaction()) {
			this.session.autoCommit(true);
			try {
				return work.run(connection);
			}
			catch (SQLException ex) {
				throw RunSession.failure(what, ex);
			}
		}
		StepStatements statements = this.session.statements(this.lock, this.settings.statementTimeout());
		Step step = Step.other(Kind.OTHER, "", Tokens.next());
		long deadline = System.nanoTime() + this.settings.lockTimeout().toNanos();
		long pause = 10;
		while (true) {
			this.session.autoCommit(false);
			try {
				if (statements.enter(connection, step) == Entry.GO) {
					T result = work.run(connection);
					connection.commit();
					this.session.autoCommit(true);
					return result;
				}
				connection.rollback();
			}
			catch (SQLException ex) {
				rollbackQuietly(connection, ex);
				throw RunSession.failure(what, ex);
			}
			pause = Pause.next(pause, deadline, () -> this.locks.timedOut(null));
		}
	}

	/**
	 * Work on a connection.
	 * @param <T> what it returns
	 */
	@FunctionalInterface
	interface SqlWork<T> {

		T run(Connection connection) throws SQLException;

	}

	private List<Interrupted> readMarks(Connection connection) {
		try {
			return this.session.marks().read(connection);
		}
		catch (SQLException ex) {
			throw RunSession.failure("read " + this.session.marks().table(), ex);
		}
	}

	private static void rollbackQuietly(Connection connection, Exception failure) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	@Override
	public void close() {
		close(null);
	}

	/**
	 * Release the lock. A failure to release does not undo what was done, and the lock dies
	 * with its session anyway: it is logged, or added to the failure already on its way.
	 */
	void close(@Nullable Throwable failure) {
		if (this.held != null) {
			this.held.close();
		}
		try {
			this.session.autoCommit(true);
			this.lock.close();
		}
		catch (SQLException | RuntimeException ex) {
			if (failure != null) {
				failure.addSuppressed(ex);
			}
			else {
				RunSession.Logging.logger.warn("smalls could not release its migration lock (" + Failures.causeOf(ex)
						+ "); the database frees it when the connection closes. What ran is committed.", ex);
			}
		}
	}

}
