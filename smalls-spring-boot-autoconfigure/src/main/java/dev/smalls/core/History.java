package dev.smalls.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The history table's content, by sequence.
 */
public final class History {

	private static final History EMPTY = new History(List.of());

	private final TreeMap<Integer, HistoryRow> rows = new TreeMap<>();

	private int maxBatch;

	public History(List<HistoryRow> rows) {
		for (HistoryRow row : rows) {
			this.rows.put(row.sequence(), row);
			this.maxBatch = Math.max(this.maxBatch, row.batch());
		}
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
		return this.rows.isEmpty() ? 0 : this.rows.lastKey();
	}

	/**
	 * The highest batch number recorded.
	 * @return the batch, 0 if nothing is applied
	 */
	public int maxBatch() {
		return this.maxBatch;
	}

	/**
	 * Whether a sequence is applied.
	 * @param sequence the sequence
	 * @return {@code true} if it is recorded
	 */
	public boolean isApplied(int sequence) {
		return this.rows.containsKey(sequence);
	}

	/**
	 * The applied rows by sequence, ascending.
	 * @return an unmodifiable view
	 */
	public Map<Integer, HistoryRow> rows() {
		return Collections.unmodifiableSortedMap(this.rows);
	}

}
