package dev.smalls.testsupport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;

/**
 * A migrate run on another thread that holds the migration lock until told to finish: it
 * applies one migration, which waits inside.
 */
public final class BlockingRun implements AutoCloseable {

	private final CountDownLatch entered = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final Thread thread;

	private BlockingRun(DataSource dataSource, int sequence) {
		SmallsMigrator migrator = SmallsMigrator.builder(dataSource)
			.migrations(new SqlMigration(sequence, "wait", (jdbc) -> {
				this.entered.countDown();
				await(this.release);
			}, (jdbc) -> {
			}))
			.build();
		this.thread = new Thread(migrator::migrate, "blocking-run");
	}

	/**
	 * Start a run and return once it is inside its migration, holding the lock.
	 * @param dataSource the database
	 * @param sequence the sequence of its one migration
	 * @return the run; close it to let it finish
	 */
	public static BlockingRun start(DataSource dataSource, int sequence) {
		BlockingRun run = new BlockingRun(dataSource, sequence);
		run.thread.start();
		await(run.entered);
		return run;
	}

	@Override
	public void close() throws InterruptedException {
		this.release.countDown();
		this.thread.join(TimeUnit.SECONDS.toMillis(30));
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Timed out waiting for the blocking run");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
