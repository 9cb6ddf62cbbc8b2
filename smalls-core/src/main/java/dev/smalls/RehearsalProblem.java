package dev.smalls;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a rehearsal found wrong with one migration.
 *
 * @param sequence the migration's sequence
 * @param name its name
 * @param leg the leg of the rehearsal that found it
 * @param differences how the schema differed from what it should have been, one sentence per
 * object (empty when the migration failed instead)
 * @param error why the migration failed, or {@code null} if it ran
 */
public record RehearsalProblem(int sequence, String name, Leg leg, List<String> differences,
		@Nullable String error) {

	public RehearsalProblem {
		differences = List.copyOf(differences);
	}

	/**
	 * The migration as people see it, e.g. {@code 0004_add_tags}.
	 * @return the display name
	 */
	public String displayName() {
		return MigrationNames.display(this.sequence, this.name);
	}

	/**
	 * The problem in one paragraph.
	 * @return e.g. {@code 0004_add_tags: its rollback left the schema other than before it was
	 * applied: index tags.idx_label is new}
	 */
	public String describe() {
		if (this.error != null) {
			return displayName() + ": " + this.leg.failed + ": " + this.error;
		}
		return displayName() + ": " + this.leg.differed + ": " + String.join("; ", this.differences);
	}

	/**
	 * The legs of a rehearsal.
	 */
	public enum Leg {

		/** Applying the migrations the first time. */
		MIGRATE("it failed to apply", "it applied"),

		/** Rolling them back, newest first. */
		ROLLBACK("its rollback failed", "its rollback left the schema other than before it was applied"),

		/** Applying them again after the rollback. */
		MIGRATE_AGAIN("it failed to apply again after its rollback",
				"applied again after its rollback, it left the schema other than the first time");

		private final String failed;

		private final String differed;

		Leg(String failed, String differed) {
			this.failed = failed;
			this.differed = differed;
		}

	}

}
