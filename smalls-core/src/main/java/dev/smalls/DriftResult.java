package dev.smalls;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How the live schema differs from the schema the history says it should have: what smalls
 * recorded when the last run that changed something ended (see {@link SmallsMigrator#drift()}).
 *
 * @param recorded whether smalls has recorded the schema yet (it does at the end of the first
 * migrate or rollback that changes something, or when drift is accepted); without a recording
 * there is nothing to compare with
 * @param recordedAt when the recording was last written, or {@code null}
 * @param differences one sentence per extra, missing or different table, column, type,
 * nullability, default, index, unique constraint or foreign key; empty when the schema is as
 * recorded
 */
public record DriftResult(boolean recorded, @Nullable Instant recordedAt, List<String> differences) {

	public DriftResult {
		differences = List.copyOf(differences);
	}

	/**
	 * Whether the live schema differs from the recorded one.
	 * @return {@code true} if there is drift
	 */
	public boolean drifted() {
		return !this.differences.isEmpty();
	}

}
