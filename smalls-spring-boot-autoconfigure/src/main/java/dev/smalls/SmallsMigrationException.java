package dev.smalls;

import java.util.List;

/**
 * A migration or rollback step threw. That step was rolled back and is not recorded; the
 * steps before it were committed and stay done, and the run stopped.
 */
public class SmallsMigrationException extends SmallsException {

	private final Operation operation;

	private final int failedSequence;

	private final String failedName;

	private final List<MigrationExecution> completed;

	private final int current;

	public SmallsMigrationException(String message, String action, Throwable cause, Operation operation,
			int failedSequence, String failedName, List<MigrationExecution> completed, int current) {
		super(message, action, cause);
		this.operation = operation;
		this.failedSequence = failedSequence;
		this.failedName = failedName;
		this.completed = List.copyOf(completed);
		this.current = current;
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
	 * The highest applied sequence after the failure.
	 * @return the current sequence
	 */
	public int getCurrent() {
		return this.current;
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

}
