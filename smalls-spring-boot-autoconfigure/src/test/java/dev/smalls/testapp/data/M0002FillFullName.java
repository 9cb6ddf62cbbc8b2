package dev.smalls.testapp.data;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.DataBatch;
import dev.smalls.DataMigration;

/**
 * The backfill: each person's full name, 100 people a batch, read and written through the
 * application's own repository (a JPA bean), which also says how many are left. The repository
 * is injected in the constructor as is, with no {@code @Lazy}, though this bean is made before
 * JPA starts. Its first batch waits at {@link #GATE} while a test holds it closed.
 */
@Component
public class M0002FillFullName implements DataMigration {

	/** Closed by a test to hold the first batch. */
	static volatile CountDownLatch GATE = new CountDownLatch(0);

	private final PersonRepository people;

	private final int batchSize;

	public M0002FillFullName(PersonRepository people, @Value("${people.batch-size:100}") int batchSize) {
		this.people = people;
		this.batchSize = batchSize;
	}

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public int batchSize() {
		return this.batchSize;
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
		// Read and written through the application's repository: in the batch's transaction,
		// committed with its progress.
		List<Person> batch = this.people.findAllById(ids);
		batch.forEach(Person::fillFullName);
		this.people.saveAll(batch);
		return DataBatch.next(batch.size(), String.valueOf(ids.get(ids.size() - 1)));
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.update("UPDATE people SET full_name = NULL");
	}

}
