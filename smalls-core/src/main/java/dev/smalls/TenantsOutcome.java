package dev.smalls;

import java.util.List;

/**
 * What a multi-tenant run did, tenant by tenant, in the order the tenants were given.
 *
 * @param <T> what the operation returns for one tenant
 * @param outcomes one per tenant
 */
public record TenantsOutcome<T>(List<TenantOutcome<T>> outcomes) {

	public TenantsOutcome {
		outcomes = List.copyOf(outcomes);
	}

	/**
	 * The tenants whose part failed or was skipped.
	 * @return their outcomes
	 */
	public List<TenantOutcome<T>> failed() {
		return this.outcomes.stream().filter((outcome) -> !outcome.succeeded()).toList();
	}

	/**
	 * Throw if any tenant's part failed or was skipped; the exception lists every such tenant
	 * and why, and carries the whole outcome.
	 * @return this outcome, when every tenant succeeded
	 * @throws SmallsTenantsException if any did not
	 */
	public TenantsOutcome<T> throwIfFailed() {
		if (!failed().isEmpty()) {
			throw new SmallsTenantsException(this);
		}
		return this;
	}

}
