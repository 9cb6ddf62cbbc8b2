package dev.smalls.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import dev.smalls.InstanceAnnouncement;
import dev.smalls.SmallsMigrator;

/**
 * Announces this instance of the application once it is ready: its release and the tables
 * and columns it maps, with a heartbeat every third of the instance timeout, so that a
 * contract step ({@code @Contract}) run by another instance (a newer release) waits for it.
 * Withdrawn when the application stops; a killed instance stops counting once its heartbeat
 * is older than the timeout.
 */
public class SmallsInstanceAnnouncer implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Log logger = LogFactory.getLog(SmallsInstanceAnnouncer.class);

	private final SmallsMigrator migrator;

	private final String release;

	private final Duration instanceTimeout;

	private volatile @Nullable InstanceAnnouncement announcement;

	private volatile @Nullable ScheduledExecutorService heartbeats;

	/**
	 * Create an announcer.
	 * @param migrator the migrator whose tables record the announcement
	 * @param release the release this instance runs
	 * @param instanceTimeout how old a heartbeat may be before the instance stops counting
	 */
	public SmallsInstanceAnnouncer(SmallsMigrator migrator, String release, Duration instanceTimeout) {
		this.migrator = migrator;
		this.release = release;
		this.instanceTimeout = instanceTimeout;
	}

	@Override
	public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.heartbeats != null) {
			return;
		}
		ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "smalls-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		this.heartbeats = heartbeats;
		// The first attempt now, so that the instance counts as soon as it serves; a database
		// that cannot be reached yet is tried again with each heartbeat.
		tryToAnnounce();
		long every = Math.max(200, this.instanceTimeout.toMillis() / 3);
		heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
	}

	private synchronized void tryToAnnounce() {
		try {
			InstanceAnnouncement announcement = this.migrator.announce(this.release);
			this.announcement = announcement;
			logger.info("smalls: this instance (" + announcement.id() + ", release " + this.release + ") announced "
					+ "itself for contract steps");
		}
		catch (RuntimeException ex) {
			// The application's own database users report an unreachable database; this only
			// means a contract step elsewhere cannot see this instance until a heartbeat works.
			logger.debug("smalls could not announce this instance yet; it tries again with its next heartbeat", ex);
		}
	}

	private void beat() {
		InstanceAnnouncement announcement = this.announcement;
		if (announcement == null) {
			tryToAnnounce();
			return;
		}
		try {
			announcement.heartbeat();
		}
		catch (RuntimeException ex) {
			logger.warn("smalls could not renew this instance's heartbeat (" + ex.getMessage() + "); it tries again");
			logger.debug("The heartbeat's failure", ex);
		}
	}

	/**
	 * This instance's announcement, once ready.
	 * @return the id it is recorded under, or {@code null} before
	 */
	public @Nullable String getId() {
		InstanceAnnouncement announcement = this.announcement;
		return (announcement != null) ? announcement.id() : null;
	}

	@Override
	public void destroy() {
		ScheduledExecutorService heartbeats = this.heartbeats;
		if (heartbeats != null) {
			heartbeats.shutdownNow();
		}
		InstanceAnnouncement announcement = this.announcement;
		if (announcement != null) {
			try {
				announcement.close();
			}
			catch (RuntimeException ex) {
				logger.warn("smalls could not withdraw this instance's announcement; it counts until its heartbeat "
						+ "is " + this.instanceTimeout.toSeconds() + " s old", ex);
			}
		}
	}

}
