package dev.smalls.internal;

import java.util.Arrays;

/**
 * The sequences recorded as applied, ascending: all the start-up check reads, and all that
 * planning a migrate needs. Internal: not for use outside smalls.
 */
final class AppliedSequences {

	private static final AppliedSequences NONE = new AppliedSequences(new int[0]);

	private final int[] sequences;

	private AppliedSequences(int[] sequences) {
		this.sequences = sequences;
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
		return new AppliedSequences(applied);
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
