package dev.smalls;

import java.util.List;

/**
 * The migrations in the code, the history in the database, or the request do not fit
 * together. Raised before anything changes: nothing ran.
 * <p>
 * {@link #getProblem()} says which check failed and {@link #getSequences()} which
 * migrations it concerns, so that a caller can phrase its own advice (the shell, the
 * endpoint and the Boot start-up each do); {@link #getAction()} is advice for a programmer
 * calling the API.
 */
public class SmallsValidationException extends SmallsException {

	private final Problem problem;

	private final List<Integer> sequences;

	public SmallsValidationException(String message, String action) {
		this(Problem.OTHER, List.of(), message, action);
	}

	public SmallsValidationException(Problem problem, List<Integer> sequences, String message, String action) {
		super(message, action);
		this.problem = problem;
		this.sequences = List.copyOf(sequences);
	}

	/**
	 * Which check failed.
	 * @return the problem
	 */
	public Problem getProblem() {
		return this.problem;
	}

	/**
	 * The sequences of the migrations the problem concerns, if any.
	 * @return the sequences, ascending
	 */
	public List<Integer> getSequences() {
		return this.sequences;
	}

	/**
	 * The checks that can fail before anything runs.
	 */
	public enum Problem {

		/** An argument is out of range, e.g. a negative target. */
		INVALID_ARGUMENT,

		/** Duplicate sequences, sequences below 1 or unusable names in the code. */
		INVALID_MIGRATIONS,

		/** A pending migration is numbered below the current sequence. */
		OUT_OF_ORDER,

		/** A migrate target below the current sequence: migrate only moves forward. */
		TARGET_BELOW_CURRENT,

		/** A rollback target above the current sequence. */
		TARGET_ABOVE_CURRENT,

		/** A migration to roll back is recorded as applied but missing from the code. */
		MISSING_MIGRATION,

		/** A migration to roll back declares that it cannot be undone. */
		IRREVERSIBLE,

		/** A migration was interrupted part-way on a database that cannot roll DDL back. */
		INTERRUPTED,

		/** An applied migration's code changed since it was applied (its checksum differs). */
		EDITED_MIGRATION,

		/**
		 * The linter found locking DDL in a pending migration that is neither written the safe
		 * way nor acknowledged, and it is set to fail ({@code LintMode.FAIL}).
		 */
		LINT_FINDINGS,

		/**
		 * A rollback would undo a migration smalls never ran: a baseline, or a migration adopted
		 * from Flyway that the code has no migration for.
		 */
		NOT_RUN_BY_SMALLS,

		/**
		 * A contract step ({@link Contract}) removes a table or column that a running instance of
		 * the application still maps.
		 */
		CONTRACT_IN_USE,

		/**
		 * A baseline or an adoption found the history, or the other tool's history, other than
		 * it must be (e.g. smalls' history not empty, a failed Flyway migration, a version that is
		 * not a sequence).
		 */
		ADOPTION_REFUSED,

		/** Seeding is refused in this environment. */
		SEED_REFUSED,

		/** A configured init or seed script does not exist. */
		SCRIPT_NOT_FOUND,

		/** Anything else. */
		OTHER

	}

}
