package dev.smalls;

import java.util.List;

/**
 * What a rehearsal did: the migrations it applied, rolled back and applied again on a scratch
 * schema, and what it found wrong. The migrated database itself is never touched.
 *
 * @param rehearsed the migrations rehearsed, in sequence order
 * @param problems what was found wrong, in the order found; empty when every rollback undid
 * exactly what its migration did
 * @param notes what the rehearsal left out, and why (a migration declared irreversible)
 * @param millis how long the rehearsal took
 */
public record RehearsalResult(List<MigrationExecution> rehearsed, List<RehearsalProblem> problems, List<String> notes,
		long millis) {

	public RehearsalResult {
		rehearsed = List.copyOf(rehearsed);
		problems = List.copyOf(problems);
		notes = List.copyOf(notes);
	}

	/**
	 * Whether every rehearsed rollback undid exactly what its migration did.
	 * @return {@code true} if nothing was found wrong
	 */
	public boolean clean() {
		return this.problems.isEmpty();
	}

	/**
	 * Fail a test unless the rehearsal is clean: in an application's tests,
	 * {@code migrator.rehearse().assertClean()} checks every pending migration's rollback.
	 * @throws AssertionError naming each migration found wrong and what differed
	 */
	public void assertClean() {
		if (!clean()) {
			StringBuilder message = new StringBuilder("The rehearsal of " + this.rehearsed.size() + " migration"
					+ ((this.rehearsed.size() == 1) ? "" : "s") + " found " + this.problems.size() + " problem"
					+ ((this.problems.size() == 1) ? "" : "s") + ":");
			this.problems.forEach((problem) -> message.append("\n  ").append(problem.describe()));
			throw new AssertionError(message.toString());
		}
	}

}
