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
 */
record HistoryRow(int sequence, String name, int batch, Instant appliedAt, long executionMillis,
		String appliedBy, @Nullable String checksum) {
}
