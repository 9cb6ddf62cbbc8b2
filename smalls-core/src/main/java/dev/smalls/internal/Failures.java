package dev.smalls.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;

import dev.smalls.MigrationExecution;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.StepStatements;
import dev.smalls.schema.SchemaOperationException;

/**
 * Words for a failed step: what failed, what the database said, what is left behind and what
 * to do, each true to what the database holds. Internal: not for use outside smalls.
 */
final class Failures {

	private Failures() {
	}

	/**
	 * Where in a step it failed.
	 */
	enum Stage {

		/** A callback before the step: nothing of the step ran. */
		BEFORE,

		/** smalls refused the step before it ran (a schema migration's operations do not check out). */
		PREPARE,

		/** Another instance held the lock a transaction takes too long: nothing of the step ran. */
		WAIT,

		/** The migration's own code threw. */
		RUN,

		/** The migration's code tried to end smalls' transaction itself, through the connection it was given. */
		MISUSE,

		/** The migration's transaction was found ended (by its own SQL, or its connection switched) when it returned. */
		ENDED,

		/** The migration ran; the migration lock turned out to be lost before it could commit. */
		LOCK,

		/** The migration ran; writing its history change failed. */
		RECORD,

		/** Committing the step failed: the connection may be gone. */
		COMMIT

	}

	/**
	 * The failure of a step, in words true to what the database holds.
	 * @param operation migrate or rollback
	 * @param sequence the step's migration
	 * @param name its name
	 * @param stage where the step failed
	 * @param outcome what the database holds of it, as smalls found out
	 * @param transactional whether it ran in a transaction
	 * @param cause what failed
	 * @param completed the steps of the run before it
	 * @param current the current sequence
	 * @param dialect the database's dialect
	 * @return the failure
	 */
	static SmallsMigrationException step(Operation operation, int sequence, String name, Stage stage, Outcome outcome,
			boolean transactional, Throwable cause, List<MigrationExecution> completed, int current,
			SmallsDialect dialect) {
		String shown = MigrationNames.display(sequence, name);
		boolean migrate = operation == Operation.MIGRATE;
		String step = (migrate ? "Migration " : "Rollback of ") + shown;
		SchemaOperationException schema = (stage == Stage.RUN) ? find(cause, SchemaOperationException.class) : null;
		if (schema != null) {
			return schemaStep(operation, sequence, name, step, schema, completed, current);
		}
		StringBuilder message = new StringBuilder();
		message.append(switch (stage) {
			case BEFORE -> step + " did not run: a SmallsCallback failed before it: " + sentence(causeOf(cause));
			case PREPARE -> step + " was refused before it ran: " + sentence(causeOf(cause));
			case WAIT -> step + " did not run: " + sentence(causeOf(cause));
			case RUN -> step + " failed: " + sentence(causeOf(cause));
			case MISUSE -> step + " failed: it tried to end smalls' transaction itself (" + causeOf(cause) + ").";
			case ENDED -> step + " failed: " + causeOf(cause) + ", so smalls did not record it.";
			case LOCK -> step + " ran, but smalls found it no longer held the migration lock: " + sentence(causeOf(cause));
			case RECORD -> step + " ran, but smalls could not " + (migrate ? "record it in" : "remove it from")
					+ " the history table: " + sentence(causeOf(cause));
			case COMMIT -> "The connection failed while " + shown + " was being committed: " + sentence(causeOf(cause));
		});
		message.append(' ').append(leftBehind(outcome, stage, migrate, transactional, dialect));
		message.append(' ').append(completed(completed, migrate));
		message.append(" Current sequence: ").append(MigrationNames.display(current)).append('.');
		String again = (migrate ? "migrate" : "rollback") + " again.";
		String action = switch (outcome) {
			case ROLLED_BACK -> (stage == Stage.LOCK || stage == Stage.WAIT)
					? "Another instance may be migrating: run status, then " + again
					: (stage == Stage.MISUSE || stage == Stage.ENDED)
					? "Leave commit and rollback to smalls in " + shown + " (or make it non-transactional: "
							+ "transactional() returning false), then run " + again
					: "Fix " + (migrate ? shown : "the rollback of " + shown) + " and run " + again;
			case PARTLY_APPLIED -> "Check the database for what " + shown + (migrate ? "" : "'s rollback")
					+ " did before it failed and undo that by hand; then repair it (SmallsMigrator.repair("
					+ sequence + "), which forgets the interruption), fix " + (migrate ? "it" : "its rollback")
					+ " and run " + again;
			case UNKNOWN -> "Run status once the database is reachable: it shows whether " + shown
					+ (migrate ? " is applied." : " is still applied.");
		};
		return new SmallsMigrationException(message.toString(), action, cause, operation, sequence, name, completed,
				current, outcome);
	}

	/**
	 * A schema migration says itself what it left: smalls reversed its operations where the
	 * database could not, or could not and says how far it got.
	 */
	private static SmallsMigrationException schemaStep(Operation operation, int sequence, String name, String step,
			SchemaOperationException schema, List<MigrationExecution> completed, int current) {
		boolean migrate = operation == Operation.MIGRATE;
		String shown = MigrationNames.display(sequence, name);
		String recorded = migrate ? "It is not recorded as applied." : "It is still recorded as applied.";
		String message = step + " failed: " + sentence(schema.getMessage()) + " "
				// A restored schema says itself that it is as it was.
				+ (schema.isRestored() ? recorded
						: recorded + " Operations 1 to " + schema.getState() + " of it are in effect: repair "
								+ MigrationNames.display(sequence) + " undoes them.")
				+ " " + completed(completed, migrate) + " Current sequence: " + MigrationNames.display(current) + ".";
		String action = schema.isRestored()
				? "Fix " + (migrate ? shown : "the rollback of " + shown) + " and run " + (migrate ? "migrate" : "rollback")
						+ " again."
				: schema.getAction();
		return new SmallsMigrationException(message, action, schema, operation, sequence, name, completed, current,
				schema.isRestored() ? Outcome.ROLLED_BACK : Outcome.PARTLY_APPLIED);
	}

	/** The first exception of a type in a cause chain. */
	static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	/** A message as a sentence: ending in one full stop, not two. */
	static String sentence(@Nullable String text) {
		String stripped = (text != null) ? text.strip() : "";
		return (stripped.endsWith(".") || stripped.endsWith("!") || stripped.endsWith("?")) ? stripped : stripped + ".";
	}

	/** What a failed step left: what smalls found in the database, not what it expected. */
	private static String leftBehind(Outcome outcome, Stage stage, boolean migrate, boolean transactional,
			SmallsDialect dialect) {
		String recorded = migrate ? "It is not recorded as applied." : "It is still recorded as applied.";
		String marked = " It is marked as interrupted, and nothing runs past it until it is repaired.";
		return switch (outcome) {
			case ROLLED_BACK -> (stage == Stage.BEFORE || stage == Stage.PREPARE || stage == Stage.WAIT)
					? "Nothing of it ran. " + recorded
					: "Its transaction was rolled back: nothing of it is left. " + recorded;
			case PARTLY_APPLIED -> (!transactional
					? "It is not transactional: every statement it ran before the failure took effect. "
					: "Its transaction was rolled back, but part of it was committed before that ("
							+ (dialect.supportsTransactionalDdl() ? "" : "DDL, which " + dialect.databaseName()
									+ " commits at once, or ")
							+ "a COMMIT or auto-commit of its own), and that part stays in the database. ")
					+ recorded + marked;
			case UNKNOWN -> "Whether it was committed cannot be told from here; the history table, once reachable, "
					+ "says which.";
		};
	}

	private static String completed(List<MigrationExecution> completed, boolean migrate) {
		if (completed.isEmpty()) {
			return migrate ? "Nothing else was applied in this run." : "Nothing else was rolled back in this run.";
		}
		String done = completed.stream().map(MigrationExecution::displayName).collect(Collectors.joining(", "));
		return (migrate ? "Applied before it, and still applied: " : "Rolled back before it: ") + done + ".";
	}

	/**
	 * Whether a failure is the connection's: the database may or may not have done what was
	 * sent last.
	 * @param failure what was thrown
	 * @return {@code true} for a connection failure (SQL state class 08) anywhere in its causes
	 */
	static boolean isConnectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.sql.SQLNonTransientConnectionException
					|| cause instanceof java.sql.SQLTransientConnectionException
					|| cause instanceof java.sql.SQLRecoverableException) {
				return true;
			}
			if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith("08")) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * Whether a failure is a statement or transaction running out of time: a JDBC query
	 * timeout, a statement timeout of the database's, or Spring's transaction deadline.
	 * @param failure what was thrown
	 * @return {@code true} for a timeout
	 */
	static boolean isTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.sql.SQLTimeoutException
					|| cause instanceof org.springframework.transaction.TransactionTimedOutException
					|| cause instanceof org.springframework.dao.QueryTimeoutException) {
				return true;
			}
			// 57014: canceled (PostgreSQL's statement_timeout, H2's query timeout); 70100: MariaDB's
			// max_statement_time.
			if (cause instanceof java.sql.SQLException sql
					&& ("57014".equals(sql.getSQLState()) || "70100".equals(sql.getSQLState()))) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * A step stopped for running past its time limit.
	 */
	static final class TimedOut extends RuntimeException {

		TimedOut(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** The most specific message of an exception, for a sentence. */
	static String causeOf(Throwable ex) {
		// A check of smalls' own says what it found; the statement that found it does not.
		StepStatements.CheckFailed check = find(ex, StepStatements.CheckFailed.class);
		if (check != null && check.getMessage() != null) {
			return check.getMessage().strip();
		}
		TimedOut timedOut = find(ex, TimedOut.class);
		if (timedOut != null) {
			return timedOut.getMessage();
		}
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? message.strip() : cause.getClass().getName();
	}

}
