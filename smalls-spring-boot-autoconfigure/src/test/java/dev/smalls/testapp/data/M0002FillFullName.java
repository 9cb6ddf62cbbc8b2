package dev.smalls.testapp.data;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.DataBatch;
import dev.smalls.DataMigration;

/**
 * The backfill: each person's full name, 100 people a batch. It asks the application's own
 * repository (a JPA bean, injected lazily: this bean is made before JPA starts) how many are
 * left. Its first batch waits at {@link #GATE} while a test holds it closed.
 */
@Component
public class M0002FillFullName implements DataMigration {

	/** Closed by a test to hold the first batch. */
	static volatile CountDownLatch GATE = new CountDownLatch(0);

	private final PersonRepository people;

	public M0002FillFullName(@Lazy PersonRepository people) {
		this.people = people;
	}

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public int batchSize() {
		return 100;
	}

	@Override
	public long estimateRows(JdbcTemplate jdbc) {
		return this.people.countByFullNameIsNull();
	}

	@Override
	public DataBatch migrateBatch(JdbcTemplate jdbc, @Nullable String after, int size) {
		try {
			GATE.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		long from = (after != null) ? Long.parseLong(after) : 0;
		List<Long> ids = jdbc.queryForList("SELECT id FROM people WHERE id > ? ORDER BY id LIMIT " + size, Long.class,
				from);
		if (ids.isEmpty()) {
			return DataBatch.done(0);
		}
		long last = ids.get(ids.size() - 1);
		int rows = jdbc.update("UPDATE people SET full_name = first_name || ' ' || last_name WHERE id > ? AND id <= ?",
				from, last);
		return DataBatch.next(rows, String.valueOf(last));
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.update("UPDATE people SET full_name = NULL");
	}

}
