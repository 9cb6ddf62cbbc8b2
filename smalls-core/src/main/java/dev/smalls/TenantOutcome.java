package dev.smalls;

import org.jspecify.annotations.Nullable;

/**
 * What one tenant's part of a multi-tenant run did.
 *
 * @param <T> what the operation returns for one tenant
 * @param tenant the tenant's id
 * @param result what it returned, when it succeeded
 * @param failure why it failed, when it did
 * @param skipped whether it never ran because an earlier tenant failed and the run stops on
 * failure
 */
public record TenantOutcome<T>(String tenant, @Nullable T result, @Nullable SmallsException failure,
		boolean skipped) {

	/**
	 * Whether this tenant's part succeeded.
	 * @return {@code true} if it ran and did not fail
	 */
	public boolean succeeded() {
		return !this.skipped && this.failure == null;
	}

}
