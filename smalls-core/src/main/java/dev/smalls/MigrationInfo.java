package dev.smalls;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One migration known to the code, to the database, or to both.
 *
 * @param sequence the sequence number
 * @param name the name (from the history table when the migration is missing from the code)
 * @param state applied, pending, missing, interrupted or edited
 * @param batch the batch it was applied in, {@code null} when pending
 * @param appliedAt when it was applied, {@code null} when pending
 * @param executionMillis how long it took, {@code null} when pending
 * @param appliedBy who applied it ({@code user@host}), {@code null} when pending
 * @param checksum the checksum recorded when it was applied ({@code ops:}, {@code sql:} or
 * {@code own:} and a SHA-256 digest), {@code null} when pending or applied before smalls
 * recorded checksums
 * @param origin where a migration recorded as applied without smalls running it came from,
 * {@code null} for one smalls ran (and when pending): {@code baseline} for a
 * {@linkplain SmallsMigrator#baseline(int) baseline}, {@code baseline flyway ...} or
 * {@code baseline liquibase ...} for a baseline adopted from those tools, {@code flyway ...}
 * for a migration adopted from Flyway's history (with its type, script and checksum). Such a
 * migration is {@link MigrationState#APPLIED} whether or not the code has it.
 */
public record MigrationInfo(int sequence, String name, MigrationState state, @Nullable Integer batch,
		@Nullable Instant appliedAt, @Nullable Long executionMillis, @Nullable String appliedBy,
		@Nullable String checksum, @Nullable String origin) {

	/**
	 * A migration smalls ran, or a pending one.
	 * @param sequence the sequence number
	 * @param name the name
	 * @param state its state
	 * @param batch the batch it was applied in, {@code null} when pending
	 * @param appliedAt when it was applied, {@code null} when pending
	 * @param executionMillis how long it took, {@code null} when pending
	 * @param appliedBy who applied it, {@code null} when pending
	 * @param checksum the checksum recorded when it was applied
	 */
	public MigrationInfo(int sequence, String name, MigrationState state, @Nullable Integer batch,
			@Nullable Instant appliedAt, @Nullable Long executionMillis, @Nullable String appliedBy,
			@Nullable String checksum) {
		this(sequence, name, state, batch, appliedAt, executionMillis, appliedBy, checksum, null);
	}

	/**
	 * A migration without a recorded checksum.
	 * @param sequence the sequence number
	 * @param name the name
	 * @param state its state
	 * @param batch the batch it was applied in, {@code null} when pending
	 * @param appliedAt when it was applied, {@code null} when pending
	 * @param executionMillis how long it took, {@code null} when pending
	 * @param appliedBy who applied it, {@code null} when pending
	 */
	public MigrationInfo(int sequence, String name, MigrationState state, @Nullable Integer batch,
			@Nullable Instant appliedAt, @Nullable Long executionMillis, @Nullable String appliedBy) {
		this(sequence, name, state, batch, appliedAt, executionMillis, appliedBy, null, null);
	}

	/**
	 * Whether it is recorded as applied without smalls having run it: a baseline or an
	 * adopted migration.
	 * @return {@code true} if it has an origin
	 */
	public boolean recordedWithoutRunning() {
		return this.origin != null;
	}

	/**
	 * The migration as people see it, e.g. {@code 0001_create_users}.
	 * @return the display name
	 */
	public String displayName() {
		return MigrationNames.display(this.sequence, this.name);
	}

}
