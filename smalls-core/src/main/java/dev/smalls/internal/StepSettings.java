package dev.smalls.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a run's steps run: how long one may wait for a lock each transaction takes, and how
 * long one may take. Internal: not for use outside smalls.
 *
 * @param lockTimeout the longest to wait for another instance's lock
 * @param migrationTimeout the longest a step may run, or {@code null} for no limit
 */
record StepSettings(Duration lockTimeout, @Nullable Duration migrationTimeout) {

	/**
	 * The longest one statement of a step may run, where the database can bound it: the
	 * step's own limit.
	 * @return the timeout, or {@code null}
	 */
	@Nullable Duration statementTimeout() {
		return this.migrationTimeout;
	}

}
