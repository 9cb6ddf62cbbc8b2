package dev.smalls.lint;

import java.util.List;

/**
 * What {@link dev.smalls.SmallsMigrator#lint()} found in the pending migrations.
 *
 * @param database the database linted for, e.g. {@code PostgreSQL}
 * @param migrations how many migrations were linted
 * @param findings what was found, in migration order, acknowledged ones included
 * @param notes what a person should know about what was not linted: rules that do not
 * apply to this database, migrations whose statements could not be known
 */
public record LintResult(String database, int migrations, List<LintFinding> findings, List<String> notes) {

	public LintResult {
		findings = List.copyOf(findings);
		notes = List.copyOf(notes);
	}

	/**
	 * The findings that stand in the way of {@link LintMode#FAIL}: warnings and errors that
	 * are not acknowledged.
	 * @return the problems
	 */
	public List<LintFinding> problems() {
		return this.findings.stream().filter(LintFinding::isProblem).toList();
	}

	/**
	 * Whether any finding is a problem.
	 * @return whether the migrations should be written the safe way first
	 */
	public boolean hasProblems() {
		return this.findings.stream().anyMatch(LintFinding::isProblem);
	}

	/**
	 * Everything found, for a console or a log.
	 * @return the text
	 */
	public String describe() {
		StringBuilder text = new StringBuilder();
		text.append("Linted ").append(this.migrations).append(this.migrations == 1 ? " migration" : " migrations")
			.append(" for ").append(this.database).append(": ");
		long problems = this.findings.stream().filter(LintFinding::isProblem).count();
		text.append((this.findings.isEmpty()) ? "nothing found" : this.findings.size() + " found, " + problems
				+ ((problems == 1) ? " problem" : " problems"));
		text.append('\n');
		for (LintFinding finding : this.findings) {
			text.append(finding.describe()).append('\n');
		}
		for (String note : this.notes) {
			text.append("note: ").append(note).append('\n');
		}
		return text.toString().stripTrailing();
	}

	/**
	 * Throw unless there is no problem: one line in a test of the application's migrations.
	 * @throws AssertionError listing the problems
	 */
	public void assertClean() {
		if (hasProblems()) {
			throw new AssertionError(describe());
		}
	}

}
