package dev.smalls.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import dev.smalls.DataMigrationProgress;
import dev.smalls.DataMigrationState;
import dev.smalls.SmallsDataMigrations;
import dev.smalls.SmallsMigrator;

/**
 * Runs the application's data migrations in the background once it is ready, on one thread
 * of its own: the application serves (and its readiness probe passes) while they run. Logs
 * their progress at most every 5 s. While some are not done (paused, cancelled, failed, or
 * run by another instance), it looks again every poll interval, so that a resume sent to any
 * instance (or from the shell) is picked up; once all are done, the thread ends. On shutdown
 * the batch in hand commits, and the next start continues after it.
 */
public class SmallsDataMigrationRunner implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(SmallsDataMigrationRunner.class);

	private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final SmallsMigrator migrator;

	private final Duration lease;

	private final Duration pollInterval;

	private final Map<Integer, DataMigrationProgress> latest = new ConcurrentHashMap<>();

	private volatile boolean stopping;

	private volatile boolean active;

	private volatile @Nullable ExecutorService executor;

	private long lastLog;

	/**
	 * Create a runner.
	 * @param migrator the migrator whose data migrations to run
	 * @param lease how long a silent instance keeps a data migration
	 * @param pollInterval how often to look again while some are not done
	 */
	public SmallsDataMigrationRunner(SmallsMigrator migrator, Duration lease, Duration pollInterval) {
		this.migrator = migrator;
		this.lease = lease;
		this.pollInterval = pollInterval;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		start();
	}

	/** Start the background run, unless there is nothing to run or it runs already. */
	synchronized void start() {
		if (this.executor != null || this.stopping || this.migrator.dataMigrations().isEmpty()) {
			return;
		}
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "smalls-data");
			thread.setDaemon(true);
			return thread;
		});
		this.executor = executor;
		this.active = true;
		executor.execute(() -> {
			try {
				runUntilDone();
			}
			finally {
				this.active = false;
				executor.shutdown();
			}
		});
	}

	private void runUntilDone() {
		SmallsDataMigrations data = this.migrator.dataMigrations().withLease(this.lease);
		boolean first = true;
		while (!this.stopping) {
			try {
				List<DataMigrationProgress> progress = data.progress();
				progress.forEach(this::remember);
				if (progress.stream().allMatch((each) -> each.state() == DataMigrationState.DONE)) {
					return;
				}
				// A failed migration is tried again on start-up, and after a resume; not every poll.
				if (first || progress.stream().anyMatch(SmallsDataMigrationRunner::runnable)) {
					data.run(this::batchDone, () -> this.stopping || Thread.currentThread().isInterrupted())
						.forEach(this::remember);
				}
			}
			catch (RuntimeException ex) {
				logger.error("smalls could not run the data migrations; it tries again in "
						+ this.pollInterval.toSeconds() + " s", ex);
			}
			first = false;
			if (!sleep(this.pollInterval)) {
				return;
			}
		}
	}

	private static boolean runnable(DataMigrationProgress progress) {
		return progress.state() == DataMigrationState.READY || progress.state() == DataMigrationState.RUNNING;
	}

	private void batchDone(DataMigrationProgress progress) {
		remember(progress);
		long now = System.nanoTime();
		if (this.lastLog == 0 || now - this.lastLog >= LOG_EVERY_NANOS || progress.state() != DataMigrationState.RUNNING) {
			this.lastLog = now;
			logger.info("smalls: " + progress.describe());
		}
	}

	private void remember(DataMigrationProgress progress) {
		this.latest.put(progress.sequence(), progress);
	}

	/**
	 * The data migrations' progress as this instance last saw it, without reading the
	 * database: what metrics report.
	 * @return the progress by sequence
	 */
	public Map<Integer, DataMigrationProgress> latest() {
		return Map.copyOf(this.latest);
	}

	/**
	 * Whether the background run is still going.
	 * @return {@code true} while it runs or polls
	 */
	public boolean isRunning() {
		return this.active;
	}

	private boolean sleep(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		while (!this.stopping && System.nanoTime() < end) {
			try {
				Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return !this.stopping;
	}

	/** Stop after the batch in hand: the next start continues after it. */
	@Override
	public void destroy() throws InterruptedException {
		this.stopping = true;
		ExecutorService executor = this.executor;
		if (executor != null) {
			executor.shutdown();
			if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
				logger.warn("smalls: the data migration's batch in hand did not end within 30 s of shutdown; it is "
						+ "interrupted and rolled back, and the next start runs it again");
				executor.shutdownNow();
			}
		}
	}

}
