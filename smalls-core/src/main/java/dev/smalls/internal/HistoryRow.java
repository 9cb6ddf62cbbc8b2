package dev.smalls.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One applied migration as recorded in the history table. Internal: not for use outside
 * smalls.
 *
 * @param sequence the sequence
 * @param name the name it was applied under
 * @param batch the batch it was applied in
 * @param appliedAt when
 * @param executionMillis how long its migrate step took
 * @param appliedBy who applied it
 * @param checksum the checksum recorded, or {@code null}
 * @param origin where a row recorded without smalls running anything came from (see
 * {@link Origins}), or {@code null} for a migration smalls ran
 */
record HistoryRow(int sequence, String name, int batch, Instant appliedAt, long executionMillis,
		String appliedBy, @Nullable String checksum, @Nullable String origin) {

	/**
	 * A migration smalls ran.
	 * @param sequence the sequence
	 * @param name the name it was applied under
	 * @param batch the batch it was applied in
	 * @param appliedAt when
	 * @param executionMillis how long its migrate step took
	 * @param appliedBy who applied it
	 * @param checksum the checksum recorded, or {@code null}
	 */
	HistoryRow(int sequence, String name, int batch, Instant appliedAt, long executionMillis, String appliedBy,
			@Nullable String checksum) {
		this(sequence, name, batch, appliedAt, executionMillis, appliedBy, checksum, null);
	}

}
