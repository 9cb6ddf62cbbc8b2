package dev.smalls.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.UnexpectedRollbackException;

import dev.smalls.MigrationExecution;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.dialect.DdlTimeouts;
import dev.smalls.dialect.DdlTimeouts.Blocker;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.StepStatements;
import dev.smalls.dialect.StepStatements.CheckFailed;
import dev.smalls.dialect.StepStatements.Entry;
import dev.smalls.dialect.StepStatements.Kind;
import dev.smalls.dialect.StepStatements.Reason;
import dev.smalls.dialect.StepStatements.Step;
import dev.smalls.dialect.lock.MigrationLock;
import dev.smalls.internal.Failures.Stage;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;
import dev.smalls.schema.SchemaProgress;

/**
 * One migration or rollback with its history change: in a transaction of its own, begun and
 * ended by the dialect's {@link StepStatements} (which prove in the database that the work
 * and the history change commit together), or, for a migration that is not transactional,
 * marked before it runs and recorded after. On failure, what the database holds is found
 * out, not assumed, and reported. Internal: not for use outside smalls.
 */
final class MigrationStep {

	private final RunSession session;

	private final MigrationLock lock;

	private final StepStatements statements;

	private final @Nullable SchemaRuns schemaRuns;

	private final StepSettings settings;

	/**
	 * The next step's transaction, begun and entered by the statements that ended the last
	 * step, in the same round trip: open on the run's connection until that step runs.
	 */
	private @Nullable Entered entered;

	MigrationStep(RunSession session, MigrationLock lock, @Nullable SchemaRuns schemaRuns, StepSettings settings) {
		this.session = session;
		this.lock = lock;
		this.statements = session.statements(lock, settings.migrationStatementTimeout(), settings.ddl().lockTimeout());
		this.schemaRuns = schemaRuns;
		this.settings = settings;
	}

	/**
	 * Run the step.
	 * @param operation migrate or rollback
	 * @param migration the migration
	 * @param name its name
	 * @param work its migrate or rollback
	 * @param batch the batch it is recorded in
	 * @param appliedBy who is recorded as applying it
	 * @param completed what the run completed before it, for the failure's report
	 * @param current the current sequence, for the failure's report
	 * @param next the migration the run applies or rolls back after this one, if any: where
	 * the database can, its transaction is begun in the round trip that ends this one
	 * @return how long it took, or {@code null} if the step is no longer what the plan said
	 * (another instance got to it first, under a lock each transaction takes)
	 * @throws SmallsMigrationException if it failed
	 */
	@Nullable Long run(Operation operation, SmallsMigration migration, String name, Consumer<JdbcTemplate> work,
			int batch, String appliedBy, List<MigrationExecution> completed, int current,
			@Nullable SmallsMigration next, @Nullable String nextName) {
		List<Duration> waits = new ArrayList<>();
		while (true) {
			long started = System.nanoTime();
			Attempt attempt = new Attempt(operation, migration, name);
			SmallsMigrationException failure;
			try {
				return attempt.run(work, batch, appliedBy, next, nextName);
			}
			catch (Throwable ex) {
				failure = attempt.failure(ex, completed, current);
				if (!isLockTimeout(ex)) {
					throw failure;
				}
			}
			// It gave up waiting for a lock: who held it, and whether to try again.
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			waits.add(waited);
			List<Blocker> blockers = blockers(waited, failure);
			DdlSettings ddl = this.settings.ddl();
			if (failure.getOutcome() != Outcome.ROLLED_BACK || waits.size() > ddl.lockRetries()) {
				throw LockWaits.failure(failure, waits, blockers, ddl);
			}
			Duration pause = ddl.pause(waits.size());
			RunSession.Logging.logger.warn(LockWaits.retrying(failure, waits, blockers, ddl, pause));
			try {
				Thread.sleep(pause.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure.addSuppressed(ex);
				throw LockWaits.failure(failure, waits, blockers, ddl);
			}
		}
	}

	/** Whether a step failed because a statement of it gave up waiting for a lock. */
	private boolean isLockTimeout(Throwable failure) {
		DdlTimeouts timeouts = this.session.dialect().ddlTimeouts();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && timeouts.isLockTimeout(sql)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * The sessions that held the lock a step gave up on, asked on the run's connection once the
	 * step's transaction is over; none if the database cannot say.
	 */
	private List<Blocker> blockers(Duration waited, Throwable failure) {
		try {
			this.session.autoCommit(true);
			return this.session.dialect().ddlTimeouts().blockers(this.session.connection(), waited);
		}
		catch (SQLException | RuntimeException ex) {
			RunSession.Logging.debug("Could not find the sessions that held the lock", ex);
			failure.addSuppressed(ex);
			return List.of();
		}
	}

	/**
	 * Set a step's DDL limits where the database keeps them in the session.
	 * @return what to restore after the step, or {@code null}
	 */
	private @Nullable Object applyLimits(DdlTimeouts.Limits limits, boolean transactional) throws SQLException {
		if (!limits.any()) {
			return null;
		}
		if (!transactional) {
			// A session setting made in a transaction that is rolled back would not stay.
			this.session.autoCommit(true);
		}
		return this.session.dialect().ddlTimeouts().apply(this.session.connection(), limits, transactional);
	}

	/**
	 * Give the session back the limits it had before the step: outside any transaction, so
	 * that no rollback takes it back. A failure is logged, not thrown: the step's outcome
	 * stands.
	 */
	private void restoreLimits(@Nullable Object saved) {
		if (saved == null) {
			return;
		}
		try {
			this.session.autoCommit(true);
			this.session.dialect().ddlTimeouts().restore(this.session.connection(), saved);
		}
		catch (SQLException | RuntimeException ex) {
			RunSession.Logging.logger.warn("smalls could not set the DDL timeouts of its connection back to what they "
					+ "were before the migration step (" + Failures.causeOf(ex) + "): the connection may keep the "
					+ "step's lock and statement timeouts", ex);
		}
	}

	/**
	 * The next step as the statements can enter it at the end of this one: a transactional
	 * migration marked in its own transaction; {@code null} for any other.
	 */
	private @Nullable Step enterable(Operation operation, SmallsMigration next, String name, int batch,
			String appliedBy) {
		if (!this.session.transactional(next) || (this.schemaRuns != null && this.schemaRuns.marksBefore(operation, next))) {
			return null;
		}
		try {
			Attempt attempt = new Attempt(operation, next, name);
			attempt.prepare(batch, appliedBy);
			return attempt.step;
		}
		catch (RuntimeException ex) {
			// Refused when it runs, with its own report.
			return null;
		}
	}

	/**
	 * End a transaction the last step began for a next step that will not run (the run
	 * stopped): roll it back, mark and lock with it.
	 */
	void abandon() {
		Entered abandoned = this.entered;
		this.entered = null;
		if (abandoned != null) {
			try {
				this.session.connection().rollback();
			}
			catch (SQLException ex) {
				RunSession.Logging.debug("Could not roll back the transaction begun for the next step", ex);
			}
		}
	}

	/**
	 * A step's transaction begun and entered ahead of it.
	 *
	 * @param step the step as entered
	 * @param entry what entering it found
	 */
	private static Kind kind(Operation operation) {
		return (operation == Operation.MIGRATE) ? Kind.MIGRATE : Kind.ROLLBACK;
	}

	private record Entered(Step step, Entry entry) {
	}

	/** One step's state while it runs, for its failure report. */
	private final class Attempt {

		private final Operation operation;

		private final SmallsMigration migration;

		private final String name;

		private Step step;

		private Stage stage = Stage.PREPARE;

		private SchemaRuns.@Nullable Mark schemaMark;

		/** Whether the step committed a mark before it ran: then the mark says it may be in effect. */
		private boolean preMarked;

		private boolean committing;

		/** What a migrate step records: a checksum the code gives, or one of the statements it sends. */
		private @Nullable String checksum;

		private @Nullable StatementCapture capture;

		Attempt(Operation operation, SmallsMigration migration, String name) {
			this.operation = operation;
			this.migration = migration;
			this.name = name;
			// What a failure before prepare() reports: no token, as it never enters.
			this.step = new Step(kind(operation), migration.sequence(), name, 0, "", "", true, Step.CODE, 0, null,
					null);
		}

		/** Run the step once, with its DDL limits set around it. */
		@Nullable Long run(Consumer<JdbcTemplate> work, int batch, String appliedBy, @Nullable SmallsMigration next,
				@Nullable String nextName) throws Throwable {
			Entered entered = MigrationStep.this.entered;
			if (entered != null && entered.step().sequence() == this.migration.sequence()
					&& entered.step().kind() == kind(this.operation)) {
				// Prepared when the last step entered it, for this run's batch.
				this.step = entered.step();
			}
			else {
				prepare(batch, appliedBy);
			}
			Step following = (next != null && nextName != null)
					? enterable(this.operation, next, nextName, batch, appliedBy) : null;
			boolean transactional = MigrationStep.this.session.transactional(this.migration);
			DdlTimeouts.Limits limits = MigrationStep.this.settings.sessionLimits();
			Object saved = applyLimits(limits, transactional);
			StepTransactions transactions = MigrationStep.this.session.transactions();
			// A JDBC query timeout (Spring sets the migration timeout's time left) would stand in
			// for the DDL statement timeout: MariaDB's driver sends it as the statement's own
			// max_statement_time. Cap it.
			transactions.capQueryTimeouts(limits.statementTimeout());
			try {
				return transactional ? inTransaction(work, following) : outsideTransaction(work);
			}
			finally {
				transactions.capQueryTimeouts(null);
				restoreLimits(saved);
			}
		}

		/** Read what the step is; a schema migration's operations are checked here, before anything runs. */
		void prepare(int batch, String appliedBy) {
			SchemaPlan plan = (this.migration instanceof SchemaMigration schema)
					? MigrationStep.this.session.plan(schema) : null;
			this.step = step(batch, appliedBy, (plan != null) ? plan.fingerprint() : Step.CODE,
					(plan != null) ? plan.size() : 0);
			if (this.operation == Operation.MIGRATE) {
				this.step = this.step.withAcknowledged(LintRun.recorded(this.migration, plan));
			}
		}

		private Step step(int batch, String appliedBy, String fingerprint, int operations) {
			return new Step(kind(this.operation), this.migration.sequence(), this.name, batch, appliedBy,
					Tokens.next(), true, fingerprint, operations, null, null);
		}

		private @Nullable Long inTransaction(Consumer<JdbcTemplate> work, @Nullable Step next) throws Throwable {
			Entered entered = MigrationStep.this.entered;
			MigrationStep.this.entered = null;
			StepTransactions transactions = MigrationStep.this.session.transactions();
			Connection connection = MigrationStep.this.session.connection();
			TransactionStatus transaction;
			if (entered != null && entered.step().sequence() == this.step.sequence()
					&& entered.step().kind() == this.step.kind()) {
				transaction = ahead(transactions, connection, entered);
			}
			else {
				if (entered != null) {
					connection.rollback();
				}
				this.schemaMark = (MigrationStep.this.schemaRuns != null)
						? MigrationStep.this.schemaRuns.begin(this.operation, this.migration, this.name) : null;
				this.preMarked = this.schemaMark != null;
				if (this.preMarked) {
					this.step = premarked();
				}
				MigrationStep.this.session.autoCommit(false);
				this.stage = Stage.WAIT;
				transaction = transactions.beginStep(MigrationStep.this.statements, connection, this.step,
						MigrationStep.this.settings);
			}
			if (transaction == null) {
				return null;
			}
			Step step = this.step;
			try {
				this.stage = Stage.RUN;
				startChecksum();
				long started = System.nanoTime();
				transactions.arm(this.capture);
				Throwable thrown = null;
				try {
					code(work).accept(transactions.jdbc());
				}
				catch (Throwable ex) {
					thrown = ex;
				}
				if (this.schemaMark != null) {
					this.schemaMark.stop();
				}
				String violation = transactions.disarm();
				if (violation != null) {
					// Even if the migration swallowed smalls' refusal and returned, the step fails.
					this.stage = Stage.MISUSE;
					throw new IllegalStateException("the migration called " + violation + ", which smalls refused",
							thrown);
				}
				if (thrown != null) {
					throw thrown;
				}
				long millis = (System.nanoTime() - started) / 1_000_000;
				Entry following = finish(MigrationStep.this.statements, connection, recorded(step), millis, next);
				this.committing = true;
				transactions.commit(transaction, MigrationStep.this.statements.commitsInFinish());
				if (following != null && next != null) {
					MigrationStep.this.entered = new Entered(next, following);
				}
				return millis;
			}
			catch (Throwable ex) {
				if (ex instanceof UnexpectedRollbackException) {
					// Code inside the migration marked the transaction rollback-only: rolled back, not lost.
					this.stage = Stage.RUN;
					this.committing = false;
				}
				rollback(transactions, transaction, ex);
				throw ex;
			}
		}

		/**
		 * The transaction the last step began for this one: its Spring side begun now (no round
		 * trip), and if entering it found the lock taken or the plan changed, handled as
		 * {@link StepTransactions#beginStep} would.
		 */
		private @Nullable TransactionStatus ahead(StepTransactions transactions, Connection connection,
				Entered entered) throws SQLException {
			this.step = entered.step();
			this.stage = Stage.WAIT;
			TransactionStatus transaction = transactions.begin(MigrationStep.this.settings.migrationTimeout());
			if (entered.entry() == Entry.GO) {
				return transaction;
			}
			transactions.rollback(transaction);
			if (entered.entry() == Entry.CHANGED) {
				return null;
			}
			return transactions.beginStep(MigrationStep.this.statements, connection, this.step,
					MigrationStep.this.settings);
		}

		private @Nullable Entry finish(StepStatements statements, Connection connection, Step step, long millis,
				@Nullable Step next) throws SQLException {
			this.stage = Stage.RECORD;
			try {
				return statements.finishAndEnter(connection, step, Instant.now(), millis, next);
			}
			catch (CheckFailed ex) {
				this.stage = switch (ex.getReason()) {
					case LOCK_LOST -> Stage.LOCK;
					case TRANSACTION_ENDED -> Stage.ENDED;
					case IN_DOUBT -> Stage.COMMIT;
				};
				this.committing = ex.getReason() == Reason.IN_DOUBT;
				throw ex;
			}
		}

		/**
		 * Before a migrate step runs: the checksum its code gives, or else a capture of the
		 * statements it sends.
		 */
		private void startChecksum() {
			if (this.operation == Operation.MIGRATE) {
				this.checksum = Checksums.of(this.migration, this.migration.sequence(), this.name);
				this.capture = (this.checksum == null) ? new StatementCapture() : null;
			}
		}

		/** The step with the checksum its history row records. */
		private Step recorded(Step step) {
			StatementCapture capture = this.capture;
			Step recorded = (this.checksum != null) ? step.withChecksum(this.checksum)
					: (capture != null) ? step.withChecksum(Checksums.executed(capture)) : step;
			return recorded;
		}

		/** The step as the statements see it when a mark was committed before it ran. */
		private Step premarked() {
			Step step = this.step;
			return new Step(step.kind(), step.sequence(), step.name(), step.batch(), step.appliedBy(), step.token(),
					false, step.fingerprint(), step.operations(), step.checksum(), step.acknowledged());
		}

		/**
		 * What runs: a schema migration's operations, run here on the run's dialect and told
		 * to the step's mark; any other migration's code (a schema migration's too, in a
		 * direction it writes by hand).
		 */
		private Consumer<JdbcTemplate> code(Consumer<JdbcTemplate> work) {
			if (!(this.migration instanceof SchemaMigration schema)
					|| SchemaPlan.isWrittenByHand(schema, this.operation)) {
				return work;
			}
			SchemaPlan plan = MigrationStep.this.session.plan(schema);
			SmallsDialect dialect = MigrationStep.this.session.dialect();
			SchemaProgress.Listener progress = (this.schemaMark != null) ? this.schemaMark.progress()
					: SchemaProgress.NONE;
			if (this.operation == Operation.MIGRATE) {
				return (jdbc) -> plan.run(jdbc, dialect, 0, plan.size(), progress);
			}
			return (jdbc) -> {
				plan.requireReversible();
				plan.run(jdbc, dialect, plan.size(), 0, progress);
			};
		}

		/**
		 * A migration that is not transactional: marked before it runs (its statements commit
		 * one by one), its history change in a transaction of its own afterwards. Where each
		 * transaction takes the lock, a transaction on a second connection holds it from before
		 * the migration runs until that change commits.
		 */
		private @Nullable Long outsideTransaction(Consumer<JdbcTemplate> work) throws Throwable {
			RunSession session = MigrationStep.this.session;
			Step step = premarked();
			this.stage = Stage.WAIT;
			try (SideTransaction side = MigrationStep.this.lock.perTransaction()
					? SideTransaction.enter(session, MigrationStep.this.lock, step, MigrationStep.this.settings)
					: null) {
				if (side != null && !side.entered()) {
					return null;
				}
				this.stage = Stage.PREPARE;
				this.schemaMark = (MigrationStep.this.schemaRuns != null)
						? MigrationStep.this.schemaRuns.begin(this.operation, this.migration, this.name) : null;
				if (this.schemaMark == null) {
					session.autoCommit(true);
					session.marks().begin(session.connection(), mark());
				}
				this.preMarked = true;
				this.stage = Stage.RUN;
				session.autoCommit(true);
				startChecksum();
				long started = System.nanoTime();
				try {
					session.transactions().capture(this.capture);
					code(work).accept(session.transactions().jdbc());
				}
				finally {
					session.transactions().capture(null);
					if (this.schemaMark != null) {
						this.schemaMark.stop();
					}
				}
				step = recorded(step);
				long millis = (System.nanoTime() - started) / 1_000_000;
				if (side != null) {
					finish(side.statements(), side.connection(), step, millis, null);
					this.committing = true;
					side.commit();
					return millis;
				}
				StepTransactions transactions = session.transactions();
				session.autoCommit(false);
				TransactionStatus transaction = transactions.begin();
				try {
					MigrationStep.this.statements.enter(session.connection(), step);
					finish(MigrationStep.this.statements, session.connection(), step, millis, null);
					this.committing = true;
					transactions.commit(transaction, MigrationStep.this.statements.commitsInFinish());
				}
				catch (Throwable ex) {
					rollback(transactions, transaction, ex);
					throw ex;
				}
				return millis;
			}
		}

		private InterruptedRuns.Interrupted mark() {
			return new InterruptedRuns.Interrupted(this.step.sequence(), this.name, this.operation, 0, 0, Step.CODE,
					Instant.now());
		}

		/** The failure, with what the database holds of the step, found out after its transaction ended. */
		SmallsMigrationException failure(Throwable thrown, List<MigrationExecution> completed, int current) {
			Throwable ex = timedOut(thrown);
			Outcome outcome;
			if (this.committing && Failures.isConnectionFailure(ex)) {
				outcome = Outcome.UNKNOWN;
				this.stage = Stage.COMMIT;
			}
			else if (this.schemaMark != null) {
				this.schemaMark.failed(ex);
				outcome = (this.stage == Stage.PREPARE || this.stage == Stage.WAIT) ? Outcome.ROLLED_BACK
						: Outcome.PARTLY_APPLIED;
			}
			else if (this.stage == Stage.PREPARE || this.stage == Stage.WAIT) {
				outcome = Outcome.ROLLED_BACK;
			}
			else {
				outcome = (this.preMarked || committedPartWay(ex)) ? Outcome.PARTLY_APPLIED : Outcome.ROLLED_BACK;
			}
			return Failures.step(this.operation, this.step.sequence(), this.name, this.stage, outcome,
					MigrationStep.this.session.transactional(this.migration), ex, completed, current, MigrationStep.this.session.dialect());
		}

		/**
		 * Whether the step's mark was committed with part of its work before its transaction
		 * was rolled back: asked on the run's connection, or, if that is broken, on a new one;
		 * if neither can say, it may have been.
		 */
		private boolean committedPartWay(Throwable failure) {
			RunSession session = MigrationStep.this.session;
			try {
				session.autoCommit(true);
			}
			catch (RuntimeException ex) {
				// The driver may already be out of its transaction (a COMMIT of the step's own).
				failure.addSuppressed(ex);
			}
			try {
				return MigrationStep.this.statements.committedPartWay(session.connection(), this.step);
			}
			catch (RuntimeException | SQLException ex) {
				failure.addSuppressed(ex);
			}
			try (Connection fresh = session.dataSource().getConnection()) {
				return MigrationStep.this.statements.committedPartWay(fresh, this.step);
			}
			catch (RuntimeException | SQLException ex) {
				failure.addSuppressed(ex);
				return true;
			}
		}

	}

	/** A failure because the step ran past its time limit, said so. */
	private Throwable timedOut(Throwable failure) {
		Duration limit = this.settings.migrationTimeout();
		Duration statementLimit = this.settings.ddl().statementTimeout();
		if ((limit == null && statementLimit == null) || isLockTimeout(failure) || !Failures.isTimeout(failure)) {
			return failure;
		}
		if (statementLimit != null && (limit == null || statementLimit.compareTo(limit) < 0)) {
			return new Failures.TimedOut("a statement of it ran longer than the DDL statement timeout of "
					+ statementLimit.toMillis() + " ms and was stopped (" + Failures.causeOf(failure) + ")", failure);
		}
		return new Failures.TimedOut("it ran longer than the migration timeout of " + limit.toMillis()
				+ " ms and was stopped (" + Failures.causeOf(failure) + ")", failure);
	}

	private static void rollback(StepTransactions transactions, TransactionStatus transaction, Throwable failure) {
		try {
			transactions.rollback(transaction);
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

}
