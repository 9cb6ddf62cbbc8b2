package dev.smalls.testsupport;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.DataBatch;
import dev.smalls.DataMigration;

/**
 * The backfill of the test under load, as an application would write it during an
 * expand/contract change: keyset by {@code id}, filling only the rows the application's dual
 * write has not filled yet, counting in {@code hits} how often each row was processed.
 */
public class LoadBackfill implements DataMigration {

	/** When the batch in hand entered migrateBatch: its rows are locked from then until it commits. */
	public static volatile long enteredNanos;

	private final int size;

	private final Duration pause;

	public LoadBackfill(int size, Duration pause) {
		this.size = size;
		this.pause = pause;
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

	@Override
	public DataBatch migrateBatch(JdbcTemplate jdbc, @Nullable String after, int size) {
		enteredNanos = System.nanoTime();
		// The position is "<last id done>:<highest id when the backfill started>": rows inserted
		// since are the dual write's, and a backfill that chased them would never end.
		long from = (after != null) ? Long.parseLong(after.substring(0, after.indexOf(':'))) : 0;
		long upTo = (after != null) ? Long.parseLong(after.substring(after.indexOf(':') + 1))
				: jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM items", Long.class);
		List<Long> last = jdbc.queryForList("SELECT MAX(id) FROM (SELECT id FROM items WHERE id > ? AND id <= ? "
				+ "ORDER BY id LIMIT " + size + ") AS batch_keys", Long.class, from, upTo);
		if (last.isEmpty() || last.get(0) == null) {
			return DataBatch.done(0);
		}
		int rows = jdbc.update("UPDATE items SET filled = item_value * 2, hits = hits + 1 WHERE id > ? AND id <= ? "
				+ "AND filled IS NULL", from, last.get(0));
		return DataBatch.next(rows, last.get(0) + ":" + upTo);
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
	}

}
