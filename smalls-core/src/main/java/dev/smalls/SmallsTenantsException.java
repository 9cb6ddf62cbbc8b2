package dev.smalls;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A multi-tenant run in which some tenants failed: each of the others did what it did, and
 * stays done.
 */
public class SmallsTenantsException extends SmallsException {

	private final TenantsOutcome<?> outcome;

	public SmallsTenantsException(TenantsOutcome<?> outcome) {
		super(message(outcome), "Fix what failed for each tenant listed and run again: the tenants that succeeded "
				+ "have nothing left to do.", firstFailure(outcome));
		this.outcome = outcome;
	}

	/**
	 * Every tenant's outcome.
	 * @return the outcome
	 */
	public TenantsOutcome<?> getOutcome() {
		return this.outcome;
	}

	private static String message(TenantsOutcome<?> outcome) {
		List<? extends TenantOutcome<?>> failed = outcome.failed();
		return failed.size() + " of " + outcome.outcomes().size() + " tenants failed: "
				+ failed.stream()
					.map((tenant) -> tenant.tenant() + " (" + (tenant.skipped() ? "skipped after an earlier failure"
							: tenant.failure().getMessage()) + ")")
					.collect(Collectors.joining("; "));
	}

	private static SmallsException firstFailure(TenantsOutcome<?> outcome) {
		return outcome.failed()
			.stream()
			.map(TenantOutcome::failure)
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

}
