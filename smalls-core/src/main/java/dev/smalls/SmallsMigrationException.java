package dev.smalls;

import java.util.List;

/**
 * A migration or rollback step failed and the run stopped. The steps before it completed
 * and stay done; {@link #getOutcome()} says what became of the failed step itself, which
 * the history table always reflects.
 */
public class SmallsMigrationException extends SmallsException {

	private final Operation operation;

	private final int failedSequence;

	private final String failedName;

	private final List<MigrationExecution> completed;

	private final int current;

	private final Outcome outcome;

	public SmallsMigrationException(String message, String action, Throwable cause, Operation operation,
			int failedSequence, String failedName, List<MigrationExecution> completed, int current) {
		this(message, action, cause, operation, failedSequence, failedName, completed, current, Outcome.ROLLED_BACK);
	}

	public SmallsMigrationException(String message, String action, Throwable cause, Operation operation,
			int failedSequence, String failedName, List<MigrationExecution> completed, int current, Outcome outcome) {
		super(message, action, cause);
		this.operation = operation;
		this.failedSequence = failedSequence;
		this.failedName = failedName;
		this.completed = List.copyOf(completed);
		this.current = current;
		this.outcome = outcome;
	}

	/**
	 * Whether a migration or a rollback failed.
	 * @return the operation
	 */
	public Operation getOperation() {
		return this.operation;
	}

	/**
	 * The sequence of the step that failed.
	 * @return the sequence
	 */
	public int getFailedSequence() {
		return this.failedSequence;
	}

	/**
	 * The name of the step that failed.
	 * @return the name
	 */
	public String getFailedName() {
		return this.failedName;
	}

	/**
	 * The steps that completed, and stay committed, before the failure.
	 * @return the completed steps, in the order they ran
	 */
	public List<MigrationExecution> getCompleted() {
		return this.completed;
	}

	/**
	 * The highest applied sequence after the failure, as the history table records it.
	 * @return the current sequence
	 */
	public int getCurrent() {
		return this.current;
	}

	/**
	 * What became of the failed step.
	 * @return the outcome
	 */
	public Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Which way the run was going.
	 */
	public enum Operation {

		/** Applying migrations. */
		MIGRATE,

		/** Rolling migrations back. */
		ROLLBACK

	}

	/**
	 * What the failed step left in the database. Whatever it is, the history table agrees:
	 * the step is recorded as it was before it started.
	 */
	public enum Outcome {

		/** Its transaction was rolled back: nothing of it is left. */
		ROLLED_BACK,

		/**
		 * Some of its statements may have taken effect: DDL on a database that commits it at
		 * once, a migration that is not transactional, or a migration that committed on its
		 * own.
		 */
		PARTLY_APPLIED,

		/**
		 * The connection failed while the step was being committed: smalls could not find
		 * out whether it was. Run status to see.
		 */
		UNKNOWN

	}

}
