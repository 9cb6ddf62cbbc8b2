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

		/** The migration's own code threw. */
		RUN,

		/** The migration's code tried to end smalls' transaction itself. */
		MISUSE,

		/** The migration ran; the migration lock turned out to be lost before it could commit. */
		LOCK,

		/** The migration ran; writing its history change failed. */
		RECORD,

		/** Committing the step failed: the connection may be gone. */
		COMMIT

	}

	static SmallsMigrationException step(Operation operation, int sequence, String name, Stage stage,
			boolean transactional, Throwable cause, List<MigrationExecution> completed, int current,
			SmallsDialect dialect) {
		String shown = MigrationNames.display(sequence, name);
		boolean migrate = operation == Operation.MIGRATE;
		String step = (migrate ? "Migration " : "Rollback of ") + shown;
		SchemaOperationException schema = (stage == Stage.RUN) ? find(cause, SchemaOperationException.class) : null;
		if (schema != null) {
			return schemaStep(operation, sequence, name, step, schema, completed, current);
		}
		Outcome outcome = outcome(stage, transactional, dialect);
		StringBuilder message = new StringBuilder();
		message.append(switch (stage) {
			case BEFORE -> step + " did not run: a SmallsCallback failed before it: " + sentence(causeOf(cause));
			case RUN -> step + " failed: " + sentence(causeOf(cause));
			case MISUSE -> step + " failed: it tried to end smalls' transaction itself (" + causeOf(cause) + ").";
			case LOCK -> step + " ran, but smalls found it no longer held the migration lock: " + sentence(causeOf(cause));
			case RECORD -> step + " ran, but smalls could not " + (migrate ? "record it in" : "remove it from")
					+ " the history table: " + sentence(causeOf(cause));
			case COMMIT -> "The connection failed while " + shown + " was being committed: " + sentence(causeOf(cause));
		});
		message.append(' ').append(leftBehind(outcome, migrate, transactional, dialect));
		message.append(' ').append(completed(completed, migrate));
		message.append(" Current sequence: ").append(MigrationNames.display(current)).append('.');
		String action = switch (outcome) {
			case ROLLED_BACK -> (stage == Stage.LOCK)
					? "Another instance may be migrating: run status, then migrate again."
					: (stage == Stage.MISUSE)
					? "Leave commit and rollback to smalls in " + shown + ", then run " + (migrate ? "migrate" : "rollback")
							+ " again."
					: "Fix " + (migrate ? shown : "the rollback of " + shown) + " and run "
							+ (migrate ? "migrate" : "rollback") + " again.";
			case PARTLY_APPLIED -> "Check the schema for what " + shown + " changed before it failed and undo that by "
					+ "hand, then fix " + (migrate ? "it" : "its rollback") + " and run " + (migrate ? "migrate" : "rollback")
					+ " again.";
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
				+ (schema.isRestored() ? "The schema is as it was before it. " + recorded
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

	private static Outcome outcome(Stage stage, boolean transactional, SmallsDialect dialect) {
		if (stage == Stage.COMMIT) {
			return Outcome.UNKNOWN;
		}
		if (stage == Stage.BEFORE || (transactional && dialect.supportsTransactionalDdl())) {
			return Outcome.ROLLED_BACK;
		}
		return Outcome.PARTLY_APPLIED;
	}

	private static String leftBehind(Outcome outcome, boolean migrate, boolean transactional, SmallsDialect dialect) {
		String recorded = migrate ? "It is not recorded as applied." : "It is still recorded as applied.";
		return switch (outcome) {
			case ROLLED_BACK -> "Its transaction was rolled back: nothing of it is left. " + recorded;
			case PARTLY_APPLIED -> transactional
					? "Its transaction was rolled back, but " + dialect.databaseName() + " commits DDL statements "
							+ "(CREATE, ALTER, DROP) at once: any it ran before the failure is still in the database. "
							+ recorded
					: "It is not transactional: every statement it ran before the failure took effect. " + recorded;
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

	/** The most specific message of an exception, for a sentence. */
	static String causeOf(Throwable ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? message.strip() : cause.getClass().getName();
	}

}
