package dev.smalls;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@link DataMigration} declared as a keyset query and the work per batch: smalls reads the
 * next batch's keys, hands them to {@link #process}, and records the last one as where the
 * next batch starts.
 * <pre class="code">
 * &#64;Component
 * class M0007FillFullName extends KeysetDataMigration {
 *
 *     public int sequence() { return 7; }
 *
 *     protected String keys() {
 *         return "SELECT id FROM users WHERE id &gt; ? ORDER BY id";
 *     }
 *
 *     protected Long upTo(JdbcTemplate jdbc) {            // rows inserted later are the dual write's
 *         return jdbc.queryForObject("SELECT MAX(id) FROM users", Long.class);
 *     }
 *
 *     protected int process(JdbcTemplate jdbc, List&lt;Long&gt; ids) {
 *         return jdbc.update("UPDATE users SET full_name = first_name || ' ' || last_name "
 *                 + "WHERE id BETWEEN ? AND ? AND full_name IS NULL", ids.get(0), ids.get(ids.size() - 1));
 *     }
 *
 *     public void rollback(JdbcTemplate jdbc) { }
 * }
 * </pre>
 */
public abstract class KeysetDataMigration implements DataMigration {

	/**
	 * The query of the keys to process after a key, in ascending order: one parameter, the
	 * last key done (0 before the first batch), e.g.
	 * {@code SELECT id FROM users WHERE id > ? ORDER BY id}. smalls reads at most a batch of
	 * them ({@code setMaxRows}); keep it on an index.
	 * @return the query
	 */
	protected abstract String keys();

	/**
	 * Process one batch.
	 * @param jdbc a template bound to the batch's transaction
	 * @param keys the batch's keys, ascending, at least one
	 * @return how many rows were processed
	 */
	protected abstract int process(JdbcTemplate jdbc, List<Long> keys);

	/**
	 * The highest key to process, read once, before the first batch: rows with higher keys
	 * (those the application inserts while the migration runs, and writes itself) are left
	 * alone, and the migration ends instead of chasing them.
	 * @param jdbc a template on the migrated database
	 * @return the highest key, or {@code null} (the default) to process every key there is
	 */
	protected @Nullable Long upTo(JdbcTemplate jdbc) {
		return null;
	}

	/**
	 * Reads the next batch's keys and processes them. The position recorded is the last key,
	 * and the highest key to process when there is one ({@code 1000:250000}).
	 */
	@Override
	public final DataBatch migrateBatch(JdbcTemplate jdbc, @Nullable String after, int size) {
		long from = 0;
		Long upTo;
		if (after == null) {
			upTo = upTo(jdbc);
		}
		else {
			int colon = after.indexOf(':');
			from = Long.parseLong((colon < 0) ? after : after.substring(0, colon));
			upTo = (colon < 0) ? null : Long.valueOf(after.substring(colon + 1));
		}
		JdbcTemplate limited = new JdbcTemplate(jdbc.getDataSource());
		limited.setMaxRows(size);
		List<Long> keys = limited.queryForList(keys(), Long.class, from);
		if (upTo != null) {
			long highest = upTo;
			keys = keys.stream().filter((key) -> key <= highest).toList();
		}
		if (keys.isEmpty()) {
			return DataBatch.done(0);
		}
		long last = keys.get(keys.size() - 1);
		int rows = process(jdbc, keys);
		return DataBatch.next(rows, (upTo != null) ? last + ":" + upTo : String.valueOf(last));
	}

}
