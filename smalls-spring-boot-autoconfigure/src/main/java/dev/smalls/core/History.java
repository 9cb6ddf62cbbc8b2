package dev.smalls.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The history table's content, by sequence.
 * <p>
 * Held as sorted primitive arrays: the start-up check of an application with thousands of
 * migrations reads every row, and boxing each into a tree would cost more than the query.
 */
public final class History {

	private static final History EMPTY = new History(List.of());

	/** Applied sequences, ascending. */
	private final int[] sequences;

	/** The batch of each sequence, same order (zeros if they were not read). */
	private final int[] batches;

	/** The full rows, same order; {@code null} when only sequences and batches were read. */
	private final HistoryRow @Nullable [] rows;

	/** -1 if the batches were not read. */
	private final int maxBatch;

	private volatile @Nullable Map<Integer, HistoryRow> bySequence;

	/**
	 * A history of full rows, in any order.
	 * @param rows the rows
	 */
	public History(List<HistoryRow> rows) {
		HistoryRow[] sorted = rows.toArray(new HistoryRow[0]);
		Arrays.sort(sorted, (a, b) -> Integer.compare(a.sequence(), b.sequence()));
		this.rows = sorted;
		this.sequences = new int[sorted.length];
		this.batches = new int[sorted.length];
		int max = 0;
		for (int i = 0; i < sorted.length; i++) {
			this.sequences[i] = sorted[i].sequence();
			this.batches[i] = sorted[i].batch();
			max = Math.max(max, sorted[i].batch());
		}
		this.maxBatch = max;
	}

	private History(int[] sequences, int[] batches, int maxBatch) {
		this.sequences = sequences;
		this.batches = batches;
		this.rows = null;
		this.maxBatch = maxBatch;
	}

	/**
	 * A history of sequences and batches only, the rows' other columns unread.
	 * @param sequences the applied sequences, unique, in any order; the array is taken over
	 * @param batches the batch of each sequence, or {@code null} if they were not read (then
	 * {@link #maxBatch()} must not be called); the array is taken over
	 * @param count how many entries of the arrays are used
	 * @return the history
	 */
	public static History ofApplied(int[] sequences, int @Nullable [] batches, int count) {
		// Rows usually come back in key order: sort only when they did not.
		boolean ascending = true;
		int maxBatch = 0;
		for (int i = 0; i < count; i++) {
			ascending &= (i == 0 || sequences[i - 1] < sequences[i]);
			maxBatch = (batches != null) ? Math.max(maxBatch, batches[i]) : -1;
		}
		if (ascending) {
			return new History(Arrays.copyOf(sequences, count), (batches != null) ? Arrays.copyOf(batches, count)
					: new int[count], maxBatch);
		}
		long[] packed = new long[count];
		for (int i = 0; i < count; i++) {
			packed[i] = ((long) sequences[i] << 32) | (((batches != null) ? batches[i] : 0) & 0xFFFFFFFFL);
		}
		Arrays.sort(packed);
		int[] sortedSequences = new int[count];
		int[] sortedBatches = new int[count];
		for (int i = 0; i < count; i++) {
			sortedSequences[i] = (int) (packed[i] >> 32);
			sortedBatches[i] = (int) packed[i];
		}
		return new History(sortedSequences, sortedBatches, maxBatch);
	}

	/**
	 * The history of a database that has none yet.
	 * @return an empty history
	 */
	public static History empty() {
		return EMPTY;
	}

	/**
	 * The highest applied sequence.
	 * @return the sequence, 0 if nothing is applied
	 */
	public int current() {
		return (this.sequences.length == 0) ? 0 : this.sequences[this.sequences.length - 1];
	}

	/**
	 * The highest batch number recorded.
	 * @return the batch, 0 if nothing is applied
	 */
	public int maxBatch() {
		if (this.maxBatch < 0) {
			throw new IllegalStateException("This history was read without its batches");
		}
		return this.maxBatch;
	}

	/**
	 * How many migrations are applied.
	 * @return the number of rows
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
	public boolean isApplied(int sequence) {
		return Arrays.binarySearch(this.sequences, sequence) >= 0;
	}

	/**
	 * The applied rows by sequence, ascending. After a read of sequences and batches only,
	 * the rows carry no name, time or user.
	 * @return an unmodifiable view
	 */
	public Map<Integer, HistoryRow> rows() {
		Map<Integer, HistoryRow> map = this.bySequence;
		if (map == null) {
			TreeMap<Integer, HistoryRow> built = new TreeMap<>();
			for (int i = 0; i < this.sequences.length; i++) {
				built.put(this.sequences[i], (this.rows != null) ? this.rows[i]
						: new HistoryRow(this.sequences[i], "", this.batches[i], Instant.EPOCH, 0, ""));
			}
			map = Collections.unmodifiableSortedMap(built);
			this.bySequence = map;
		}
		return map;
	}

}
