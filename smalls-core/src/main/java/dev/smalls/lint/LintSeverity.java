package dev.smalls.lint;

/**
 * How much a {@link LintFinding} matters.
 */
public enum LintSeverity {

	/**
	 * It would lock, but the table is small (fewer rows than the large-table threshold): the
	 * lock is brief. Shown, never fails a run.
	 */
	NOTICE,

	/**
	 * It locks a table that has many rows, or whose size is unknown, for as long as the
	 * finding says: write it the safe way, or acknowledge it with a reason.
	 */
	WARNING,

	/**
	 * It fails, or breaks the application that is running, whatever the table's size.
	 */
	ERROR

}
