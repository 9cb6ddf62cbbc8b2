package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The statements smalls sends around each step it runs in a transaction (a migration or its
 * rollback with its history change, init, seed), so that the step's work and its history
 * change commit together or not at all whatever the step's own code does, proved in the
 * database rather than by trusting that code:
 * <ul>
 * <li>{@link #enter} begins the step: takes the migration lock where each transaction takes it
 * (PostgreSQL's default), applies the transaction's own settings (a tenant's schema, a
 * statement timeout) and, for a migration, writes a <em>mark</em> in the step's transaction.
 * That mark commits only if something commits part of the step before smalls does (DDL on
 * MariaDB, MySQL, H2 or HSQLDB; a {@code COMMIT} the step sends itself), so a mark left
 * behind by a killed or failed step says that part of it may be in effect, and nothing runs
 * past it until a person has looked.</li>
 * <li>{@link #finish} checks that the transaction is still the one {@code enter} began (a
 * step that rolled back or committed smalls' transaction, switched auto-commit on, or was
 * handed to another server connection fails here), that the lock is still held, removes the
 * mark and writes the history change; where the database can do all of that and the commit
 * in one round trip, it commits too.</li>
 * <li>{@link #committedPartWay} says, once a failed step is rolled back, whether its mark was
 * committed: whether part of the step may be in effect.</li>
 * </ul>
 * One per run, from {@link SmallsDialect#stepStatements}; it may keep statements prepared
 * for the run and is closed with it.
 */
public interface StepStatements extends AutoCloseable {

	/**
	 * Begin a step, first thing in its transaction.
	 * @param connection the run's connection, in a transaction smalls began
	 * @param step the step
	 * @return {@link Entry#GO}, or why the step cannot run now (only where each transaction
	 * takes the lock)
	 * @throws SQLException if the database refused
	 */
	Entry enter(Connection connection, Step step) throws SQLException;

	/**
	 * End a step whose code returned: check, record and (where it can) commit.
	 * @param connection the connection {@link #enter} ran on
	 * @param step the step
	 * @param appliedAt when it is recorded as applied (migrate only)
	 * @param executionMillis how long its code took (migrate only)
	 * @throws CheckFailed if the transaction is not the one {@code enter} began, or the lock
	 * is lost: nothing of it may be committed
	 * @throws SQLException if the database refused the history change or the commit
	 */
	void finish(Connection connection, Step step, Instant appliedAt, long executionMillis) throws SQLException;

	/**
	 * End a step, as {@link #finish} does, and where the database can do it in the same round
	 * trip, also commit it and begin the next step's transaction and enter it.
	 * @param connection the connection {@link #enter} ran on
	 * @param step the step
	 * @param appliedAt when it is recorded as applied (migrate only)
	 * @param executionMillis how long its code took (migrate only)
	 * @param next the step to enter next, or {@code null}
	 * @return what entering {@code next} found, or {@code null} if it was not entered (the
	 * default: the engine begins and enters it itself)
	 * @throws SQLException as {@link #finish}
	 */
	default @Nullable Entry finishAndEnter(Connection connection, Step step, Instant appliedAt, long executionMillis,
			@Nullable Step next) throws SQLException {
		finish(connection, step, appliedAt, executionMillis);
		return null;
	}

	/**
	 * Whether {@link #finish} commits the step's transaction itself (so that the engine ends
	 * it without a commit of its own).
	 * @return {@code true} if it does
	 */
	default boolean commitsInFinish() {
		return false;
	}

	/**
	 * Whether part of a failed step may be in effect: its mark was committed before smalls
	 * rolled its transaction back. Asked outside any transaction.
	 * @param connection the run's connection, in auto-commit mode
	 * @param step the step
	 * @return {@code true} if the step's mark is in the database
	 * @throws SQLException if the marks cannot be read
	 */
	boolean committedPartWay(Connection connection, Step step) throws SQLException;

	@Override
	void close() throws SQLException;

	/**
	 * What {@link #enter} found.
	 */
	enum Entry {

		/** The step may run. */
		GO,

		/** Another instance holds the migration lock: roll back and try again. */
		LOCKED,

		/**
		 * The lock is held, but the step is no longer what the plan said (another instance
		 * applied or rolled it back, or left it interrupted): roll back and plan again.
		 */
		CHANGED

	}

	/**
	 * What a step does to the history.
	 */
	enum Kind {

		/** Applies a migration: records it. */
		MIGRATE,

		/** Rolls a migration back: forgets it. */
		ROLLBACK,

		/** Init or seed: no history change, no mark. */
		OTHER

	}

	/**
	 * One step.
	 *
	 * @param kind what it does to the history
	 * @param sequence the migration's sequence (0 for {@link Kind#OTHER})
	 * @param name the migration's name
	 * @param batch the batch it is recorded in (migrate only)
	 * @param appliedBy who is recorded as applying it (migrate only)
	 * @param token a value unique to this step, which identifies its transaction
	 * @param markInTransaction whether {@link #enter} writes the step's mark in the step's
	 * transaction; {@code false} where smalls committed a mark before the step (a step that
	 * is not transactional, or a schema migration that records its progress)
	 * @param fingerprint what the mark records of the code that runs: a schema migration's
	 * operations' digest, or {@link #CODE}
	 * @param operations how many operations a schema migration has (0 for code): a mark
	 * committed part-way may have any of them in effect
	 * @param checksum what the history row records of the code that ran (migrate only), or
	 * {@code null}
	 * @param acknowledged the lint rules its author acknowledged, with their reasons, as the
	 * history row records them (migrate only), or {@code null}
	 */
	record Step(Kind kind, int sequence, String name, int batch, String appliedBy, String token,
			boolean markInTransaction, String fingerprint, int operations, @Nullable String checksum,
			@Nullable String acknowledged) {

		/** The fingerprint of a migration of code, whose operations smalls does not know. */
		public static final String CODE = "code";

		/**
		 * A step that has no history row to write: its kind, a token, and nothing else.
		 * @param kind what it does
		 * @param name what it is, for messages
		 * @param token its token
		 * @return the step
		 */
		public static Step other(Kind kind, String name, String token) {
			return new Step(kind, 0, name, 0, "", token, false, CODE, 0, null, null);
		}

		/**
		 * The same step, recording a checksum.
		 * @param checksum the checksum
		 * @return the step
		 */
		public Step withChecksum(@Nullable String checksum) {
			return new Step(this.kind, this.sequence, this.name, this.batch, this.appliedBy, this.token,
					this.markInTransaction, this.fingerprint, this.operations, checksum, this.acknowledged);
		}

		/**
		 * The same step, recording acknowledged lint rules.
		 * @param acknowledged the rules and their reasons, as text
		 * @return the step
		 */
		public Step withAcknowledged(@Nullable String acknowledged) {
			return new Step(this.kind, this.sequence, this.name, this.batch, this.appliedBy, this.token,
					this.markInTransaction, this.fingerprint, this.operations, this.checksum, acknowledged);
		}

	}

	/**
	 * Where a run's steps keep their rows, and the settings each step's transaction gets.
	 *
	 * @param historyTable the history table
	 * @param marksTable the table of marks ({@code <history table>_interrupted})
	 * @param schema a tenant's schema, for databases that set it in each transaction
	 * ({@link SmallsDialect#setsSchemaPerTransaction()}), or {@code null}
	 * @param statementTimeout the longest a statement of a step may run, or {@code null}
	 * @param lockTimeout the longest a statement of a step may wait for a lock, or {@code null}
	 * (for databases that set it in each transaction; see {@link DdlTimeouts})
	 */
	record Settings(String historyTable, String marksTable, @Nullable String schema,
			@Nullable Duration statementTimeout, @Nullable Duration lockTimeout) {

		/**
		 * Settings without a lock timeout.
		 * @param historyTable the history table
		 * @param marksTable the table of marks
		 * @param schema a tenant's schema, or {@code null}
		 * @param statementTimeout the longest a statement of a step may run, or {@code null}
		 */
		public Settings(String historyTable, String marksTable, @Nullable String schema,
				@Nullable Duration statementTimeout) {
			this(historyTable, marksTable, schema, statementTimeout, null);
		}

	}

	/**
	 * {@link #finish} found that the step's work must not be committed.
	 */
	final class CheckFailed extends SQLException {

		private final Reason reason;

		public CheckFailed(Reason reason, String message) {
			super(message);
			this.reason = reason;
		}

		public Reason getReason() {
			return this.reason;
		}

	}

	/**
	 * Why {@link #finish} refused to commit.
	 */
	enum Reason {

		/**
		 * The step's transaction ended before smalls ended it: the step committed or rolled
		 * it back itself, switched auto-commit on, or its connection was switched.
		 */
		TRANSACTION_ENDED,

		/** The migration lock is no longer held by this run. */
		LOCK_LOST,

		/**
		 * The connection failed while the statements that end the step, its commit among them,
		 * were on their way: whether it was committed cannot be told from this connection.
		 */
		IN_DOUBT

	}

}
