package dev.smalls.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.DataBatch;
import dev.smalls.DataMigration;
import dev.smalls.SmallsMigration;

/**
 * The data migration the tests run: fills {@code items.filled} with twice {@code value},
 * keyset by {@code id}, and counts in {@code items.hits} how often each row was processed,
 * so that a test can tell that every row was processed exactly once. Its table is made by
 * {@link #createItems} and {@link #SCHEMA} (sequence 1).
 */
public class Backfill implements DataMigration {

	/** Migration 1: the column the backfill fills and the counter. */
	public static final SmallsMigration SCHEMA = new SmallsMigration() {

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public String name() {
			return "add_filled";
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("ALTER TABLE items ADD filled INT");
			jdbc.execute("ALTER TABLE items ADD hits INT DEFAULT 0 NOT NULL");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("ALTER TABLE items DROP COLUMN hits");
			jdbc.execute("ALTER TABLE items DROP COLUMN filled");
		}

	};

	private final int size;

	private final Duration pause;

	private volatile @Nullable IntConsumer beforeBatch;

	public Backfill(int size) {
		this(size, Duration.ZERO);
	}

	public Backfill(int size, Duration pause) {
		this.size = size;
		this.pause = pause;
	}

	/** Create the table of {@code rows} items, ids 1 to rows. */
	public static void createItems(JdbcTemplate jdbc, int rows) {
		jdbc.execute("CREATE TABLE items (id BIGINT NOT NULL PRIMARY KEY, item_value INT NOT NULL)");
		int step = 5000;
		for (int from = 1; from <= rows; from += step) {
			List<Object[]> values = new java.util.ArrayList<>();
			for (int id = from; id < Math.min(rows + 1, from + step); id++) {
				values.add(new Object[] { id, id % 1000 });
			}
			jdbc.batchUpdate("INSERT INTO items (id, item_value) VALUES (?, ?)", values);
		}
	}

	/** Called with the batch's number (1, 2, ...) as each batch starts, in its transaction. */
	public Backfill beforeBatch(IntConsumer action) {
		this.beforeBatch = action;
		return this;
	}

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public String name() {
		return "fill_items";
	}

	@Override
	public int batchSize() {
		return this.size;
	}

	@Override
	public Duration pauseBetweenBatches() {
		return this.pause;
	}

	@Override
	public long estimateRows(JdbcTemplate jdbc) {
		Long left = jdbc.queryForObject("SELECT COUNT(*) FROM items WHERE filled IS NULL", Long.class);
		return (left != null) ? left : -1;
	}

	private int batches;

	@Override
	public DataBatch migrateBatch(JdbcTemplate jdbc, @Nullable String after, int size) {
		IntConsumer before = this.beforeBatch;
		if (before != null) {
			before.accept(++this.batches);
		}
		long from = (after != null) ? Long.parseLong(after) : 0;
		Long last = jdbc.queryForObject("SELECT MAX(id) FROM (SELECT id FROM items WHERE id > ? ORDER BY id "
				+ "LIMIT " + size + ") AS batch_keys", Long.class, from);
		if (last == null) {
			return DataBatch.done(0);
		}
		int rows = jdbc.update("UPDATE items SET filled = item_value * 2, hits = hits + 1 WHERE id > ? AND id <= ?",
				from, last);
		return DataBatch.next(rows, String.valueOf(last));
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.update("UPDATE items SET filled = NULL");
	}

}
