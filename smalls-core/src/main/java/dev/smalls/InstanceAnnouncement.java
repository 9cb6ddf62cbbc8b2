package dev.smalls;

/**
 * This instance's announcement ({@link SmallsMigrator#announce}): keep it alive with
 * {@link #heartbeat()} (more often than the migrators' {@code instanceTimeout}) and close it
 * when the instance stops. The Spring Boot starter does both.
 */
public interface InstanceAnnouncement extends AutoCloseable {

	/**
	 * The id this instance is recorded under.
	 * @return the id
	 */
	String id();

	/**
	 * Say that this instance is still running (and announce it again if its row went away).
	 */
	void heartbeat();

	/**
	 * Say that this instance stops: a contract step no longer waits for it.
	 */
	@Override
	void close();

}
