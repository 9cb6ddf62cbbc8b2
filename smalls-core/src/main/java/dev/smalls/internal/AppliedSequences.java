package dev.smalls.internal;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The sequences recorded as applied, ascending: all the start-up check reads, and all that
 * planning a migrate needs. Internal: not for use outside smalls.
 */
final class AppliedSequences {

	private static final AppliedSequences NONE = new AppliedSequences(new int[0], null);

	private final int[] sequences;

	/** The recorded checksums, by position, when they were read. */
	private final @Nullable String @Nullable [] checksums;

	private AppliedSequences(int[] sequences, @Nullable String @Nullable [] checksums) {
		this.sequences = sequences;
		this.checksums = checksums;
	}

	/**
	 * The sequences of a database whose history is empty or absent.
	 * @return no sequences
	 */
	public static AppliedSequences none() {
		return NONE;
	}

	/**
	 * Sequences as read.
	 * @param sequences unique sequences, in any order
	 * @param count how many entries of the array are used
	 * @return the applied sequences
	 */
	public static AppliedSequences of(int[] sequences, int count) {
		int[] applied = Arrays.copyOf(sequences, count);
		// Rows usually come back in key order: sort only when they did not.
		for (int i = 1; i < count; i++) {
			if (applied[i - 1] > applied[i]) {
				Arrays.sort(applied);
				break;
			}
		}
		return new AppliedSequences(applied, null);
	}

	/**
	 * The applied sequences with the checksums recorded for them.
	 * @param sequences the sequences, in any order, the first {@code count} used
	 * @param checksums the checksums, in the same order
	 * @param count how many
	 * @return the sequences
	 */
	public static AppliedSequences of(int[] sequences, @Nullable String[] checksums, int count) {
		for (int i = 1; i < count; i++) {
			if (sequences[i - 1] > sequences[i]) {
				// Rarely: sort (sequence, position) pairs, and the checksums with them.
				long[] order = new long[count];
				for (int j = 0; j < count; j++) {
					order[j] = ((long) sequences[j] << 32) | j;
				}
				Arrays.sort(order);
				int[] sorted = new int[count];
				@Nullable String[] sums = new String[count];
				for (int j = 0; j < count; j++) {
					sorted[j] = (int) (order[j] >> 32);
					sums[j] = checksums[(int) order[j]];
				}
				return new AppliedSequences(sorted, sums);
			}
		}
		return new AppliedSequences(Arrays.copyOf(sequences, count), Arrays.copyOf(checksums, count));
	}

	/**
	 * The checksum recorded for the sequence at a position.
	 * @param index from 0 to {@link #size()} - 1
	 * @return the checksum, or {@code null} if none was recorded or none was read
	 */
	public @Nullable String checksumAt(int index) {
		return (this.checksums != null) ? this.checksums[index] : null;
	}

	/**
	 * The highest applied sequence.
	 * @return the sequence, 0 if nothing is applied
	 */
	public int current() {
		return (this.sequences.length == 0) ? 0 : this.sequences[this.sequences.length - 1];
	}

	/**
	 * How many migrations are applied.
	 * @return the count
	 */
	public int size() {
		return this.sequences.length;
	}

	/**
	 * The applied sequence at a position, ascending.
	 * @param index from 0 to {@link #size()} - 1
	 * @return the sequence
	 */
	public int sequenceAt(int index) {
		return this.sequences[index];
	}

	/**
	 * Whether a sequence is applied.
	 * @param sequence the sequence
	 * @return {@code true} if it is recorded
	 */
	public boolean contains(int sequence) {
		return Arrays.binarySearch(this.sequences, sequence) >= 0;
	}

	/**
	 * Whether the same sequences are applied in both.
	 * @param other other sequences
	 * @return {@code true} if equal
	 */
	public boolean sameAs(AppliedSequences other) {
		return Arrays.equals(this.sequences, other.sequences);
	}

}
