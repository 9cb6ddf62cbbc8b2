package dev.smalls.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.DdlTimeouts;

/**
 * How a run's steps run: how long one may wait for a lock each transaction takes, how long
 * one may take, and the DDL timeouts of migration steps. Internal: not for use outside
 * smalls.
 *
 * @param lockTimeout the longest to wait for another instance's lock
 * @param migrationTimeout the longest a step may run, or {@code null} for no limit
 * @param ddl the DDL timeouts and retries of migration steps
 */
record StepSettings(Duration lockTimeout, @Nullable Duration migrationTimeout, DdlSettings ddl) {

	StepSettings(Duration lockTimeout, @Nullable Duration migrationTimeout) {
		this(lockTimeout, migrationTimeout, DdlSettings.NONE);
	}

	/**
	 * The longest one statement of a step may run, where the database can bound it: the
	 * step's own limit (init, seed, and smalls' own transactions under the lock).
	 * @return the timeout, or {@code null}
	 */
	@Nullable Duration statementTimeout() {
		return this.migrationTimeout;
	}

	/**
	 * The longest one statement of a migration step may run: the smaller of the migration
	 * timeout and the DDL statement timeout.
	 * @return the timeout, or {@code null}
	 */
	@Nullable Duration migrationStatementTimeout() {
		Duration ddl = this.ddl.statementTimeout();
		if (ddl == null || this.migrationTimeout == null) {
			return (ddl != null) ? ddl : this.migrationTimeout;
		}
		return (ddl.compareTo(this.migrationTimeout) < 0) ? ddl : this.migrationTimeout;
	}

	/**
	 * What a migration step's statements may wait and take where the database keeps it in
	 * the session: the DDL lock timeout, and the statement timeout if a DDL one is set.
	 * @return the limits
	 */
	DdlTimeouts.Limits sessionLimits() {
		return new DdlTimeouts.Limits(this.ddl.lockTimeout(),
				(this.ddl.statementTimeout() != null) ? migrationStatementTimeout() : null);
	}

}
