package dev.smalls.internal;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Every row of the history table, by sequence: what a rollback, a status or a migrate under
 * the lock reads. Internal: not for use outside smalls.
 */
final class History {

	private static final History EMPTY = new History(List.of());

	/** Ascending by sequence. */
	private final List<HistoryRow> rows;

	private final AppliedSequences sequences;

	/**
	 * A history of rows, in any order.
	 * @param rows the rows, one per sequence
	 */
	public History(List<HistoryRow> rows) {
		this.rows = rows.stream().sorted(Comparator.comparingInt(HistoryRow::sequence)).toList();
		int[] sequences = this.rows.stream().mapToInt(HistoryRow::sequence).toArray();
		this.sequences = AppliedSequences.of(sequences, sequences.length);
	}

	/**
	 * The history of a database that has none yet.
	 * @return an empty history
	 */
	public static History empty() {
		return EMPTY;
	}

	/**
	 * The rows, ascending by sequence.
	 * @return the rows
	 */
	public List<HistoryRow> rows() {
		return this.rows;
	}

	/**
	 * The applied sequences.
	 * @return the sequences
	 */
	public AppliedSequences sequences() {
		return this.sequences;
	}

	/**
	 * The highest applied sequence.
	 * @return the sequence, 0 if nothing is applied
	 */
	public int current() {
		return this.sequences.current();
	}

	/**
	 * The row of a sequence.
	 * @param sequence the sequence
	 * @return the row, or {@code null} if it is not applied
	 */
	public @Nullable HistoryRow row(int sequence) {
		int low = 0;
		int high = this.rows.size() - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			HistoryRow row = this.rows.get(middle);
			if (row.sequence() == sequence) {
				return row;
			}
			if (row.sequence() < sequence) {
				low = middle + 1;
			}
			else {
				high = middle - 1;
			}
		}
		return null;
	}

	/**
	 * The highest batch number recorded.
	 * @return the batch, 0 if nothing is applied
	 */
	public int maxBatch() {
		return this.rows.stream().mapToInt(HistoryRow::batch).max().orElse(0);
	}

}
