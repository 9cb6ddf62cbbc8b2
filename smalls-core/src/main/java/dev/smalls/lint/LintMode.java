package dev.smalls.lint;

/**
 * What a run does with the linter's findings before it migrates
 * ({@code smalls.lint.mode}).
 */
public enum LintMode {

	/** Lint, log the findings, and migrate anyway. */
	WARN,

	/**
	 * Lint, and refuse to migrate while a finding of {@link LintSeverity#WARNING} or
	 * {@link LintSeverity#ERROR} is not acknowledged.
	 */
	FAIL,

	/** Do not lint. */
	OFF

}
