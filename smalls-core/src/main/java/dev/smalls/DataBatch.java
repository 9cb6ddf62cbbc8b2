package dev.smalls;

import org.jspecify.annotations.Nullable;

/**
 * What one batch of a {@link DataMigration} did, and where the next one starts.
 *
 * @param rows how many rows the batch processed (what progress counts), 0 or more
 * @param next where the next batch starts, e.g. the last key processed; {@code null} when
 * the migration is done
 */
public record DataBatch(long rows, @Nullable String next) {

	/** The longest position smalls records, in characters. */
	public static final int MAX_POSITION_LENGTH = 1000;

	/**
	 * A batch's result.
	 * @param rows how many rows the batch processed
	 * @param next where the next batch starts, or {@code null} when done
	 * @throws IllegalArgumentException if the rows are negative or the position too long
	 */
	public DataBatch {
		if (rows < 0) {
			throw new IllegalArgumentException("A batch cannot process " + rows + " rows: give 0 or more");
		}
		if (next != null && next.length() > MAX_POSITION_LENGTH) {
			throw new IllegalArgumentException("The next batch's position is " + next.length()
					+ " characters long; smalls records at most " + MAX_POSITION_LENGTH
					+ ": give a key, not the data");
		}
	}

	/**
	 * A batch after which there is more to do.
	 * @param rows how many rows the batch processed
	 * @param next where the next batch starts
	 * @return the result
	 */
	public static DataBatch next(long rows, String next) {
		return new DataBatch(rows, next);
	}

	/**
	 * The last batch.
	 * @param rows how many rows it processed
	 * @return the result
	 */
	public static DataBatch done(long rows) {
		return new DataBatch(rows, null);
	}

	/**
	 * Whether the migration is done after this batch.
	 * @return {@code true} if there is no next batch
	 */
	public boolean isDone() {
		return this.next == null;
	}

}
