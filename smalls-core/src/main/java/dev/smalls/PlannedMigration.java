package dev.smalls;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One pending migration in a {@link MigrationPlan}: the statements it sent, in order, when it
 * ran where nothing was kept, or why it did not run.
 *
 * @param sequence its sequence
 * @param name its name
 * @param outcome whether it ran
 * @param statements the statements it sent (or, {@link Outcome#SHOWN shown}, would send),
 * in order, as SQL text without parameters
 * @param note what a person should know: why it did not run, or how it failed
 */
public record PlannedMigration(int sequence, String name, Outcome outcome, List<String> statements,
		@Nullable String note) {

	public PlannedMigration {
		statements = List.copyOf(statements);
	}

	/**
	 * The migration as people see it, e.g. {@code 0004_add_tags}.
	 * @return the display name
	 */
	public String displayName() {
		return MigrationNames.display(this.sequence, this.name);
	}

	/**
	 * Whether a planned migration ran.
	 */
	public enum Outcome {

		/** It ran where nothing was kept: its statements are what migrate will send. */
		RAN,

		/**
		 * A schema migration that is not transactional: its statements are shown, written
		 * from its operations, but it did not run (it cannot run inside a transaction that is
		 * rolled back).
		 */
		SHOWN,

		/**
		 * It did not run: code that is not transactional (its statements are only known when
		 * it runs), or a migration after one that failed.
		 */
		NOT_RUN,

		/** It failed where nothing was kept: migrate would fail too, or differ. */
		FAILED

	}

}
