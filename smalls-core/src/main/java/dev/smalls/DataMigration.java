package dev.smalls;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A migration of data that may take long: run in batches, each committed with its progress,
 * after the application has started and while it serves. It has a sequence in the same order
 * as the other migrations and a row in the same history, written when its last batch is
 * done.
 * <p>
 * A migrate on start-up applies the schema migrations and leaves the data migrations
 * pending; once the application is ready they run in the background (or in a one-shot job,
 * {@code smalls migrate --data}). A data migration starts once every migration below its
 * sequence is applied. A schema migration annotated {@link DependsOnData} waits until the
 * data migrations it names are done: a migrate stops before it.
 * <p>
 * Each batch runs in a transaction of its own, on the migrated {@code DataSource}, with the
 * record of where the next batch starts: after a crash or a {@code kill -9} the next run
 * continues at the batch that did not commit, and no batch is applied twice. Only one
 * instance runs a data migration at a time. The same rules as for a migration's transaction
 * apply: leave commit and rollback to smalls.
 * <p>
 * A data migration is a bean like any other migration, created before the schema is
 * migrated. The Spring Boot starter injects the application's beans it takes (a repository,
 * a service) as lazy proxies, resolved when first used; without it, take them through
 * {@code ObjectProvider} or {@code @Lazy}. Use them only in {@link #migrateBatch} and
 * {@link #estimateRows}, which run once the application is ready.
 * <pre class="code">
 * &#64;Component
 * class FillFullName implements DataMigration {
 *
 *     public int sequence() { return 7; }
 *
 *     public DataBatch migrateBatch(JdbcTemplate jdbc, String after, int size) {
 *         List&lt;Long&gt; ids = jdbc.queryForList("SELECT id FROM users WHERE id &gt; ? AND full_name IS NULL "
 *                 + "ORDER BY id FETCH FIRST " + size + " ROWS ONLY", Long.class, (after != null) ? Long.parseLong(after) : 0L);
 *         ...update those rows...
 *         return ids.size() &lt; size ? DataBatch.done(ids.size()) : DataBatch.next(ids.size(), String.valueOf(ids.get(ids.size() - 1)));
 *     }
 *
 *     public void rollback(JdbcTemplate jdbc) { }
 * }
 * </pre>
 */
public interface DataMigration extends SmallsMigration {

	/**
	 * Process one batch.
	 * @param jdbc a template bound to the batch's transaction
	 * @param after where this batch starts, as the previous batch gave it; {@code null} for
	 * the first batch
	 * @param size how many rows to process at most ({@link #batchSize()})
	 * @return how many rows were processed, and where the next batch starts
	 */
	DataBatch migrateBatch(JdbcTemplate jdbc, @Nullable String after, int size);

	/**
	 * How many rows a batch processes at most. Keep a batch well under a second: each holds
	 * its rows' locks until it commits.
	 * @return the size, 1 or more; 1000 by default
	 */
	default int batchSize() {
		return 1000;
	}

	/**
	 * How long to wait between batches, to leave the database to the application.
	 * @return the pause; none by default
	 */
	default Duration pauseBetweenBatches() {
		return Duration.ZERO;
	}

	/**
	 * How many rows there are to process in all, for the percentage and the time left.
	 * Asked when the migration starts, outside any batch.
	 * @param jdbc a template on the migrated database
	 * @return the estimate, or -1 (the default) if unknown
	 */
	default long estimateRows(JdbcTemplate jdbc) {
		return -1;
	}

	/**
	 * Runs every batch, one after another, on the given template: for a test of the
	 * migration's logic. smalls itself never calls it; it runs {@link #migrateBatch} batch by
	 * batch.
	 * @param jdbc a template
	 */
	@Override
	default void migrate(JdbcTemplate jdbc) {
		String after = null;
		DataBatch batch;
		do {
			batch = migrateBatch(jdbc, after, batchSize());
			after = batch.next();
		}
		while (!batch.isDone());
	}

}
