package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.smalls.SmallsException;
import dev.smalls.TenantOutcome;
import dev.smalls.TenantsOutcome;

/**
 * What an {@code --all-tenants} run did, a line per tenant: what it did there, or why it
 * failed and what to do about that tenant. Any failure fails the command (exit code 1) with
 * the failed tenants named and the command to run again for each of them alone: running the
 * whole command again is not always harmless ({@code rollback --batches 1} would roll the
 * tenants that succeeded back further).
 */
final class TenantsReport {

	private static final int SHOWN_RETRIES = 3;

	private TenantsReport() {
	}

	/**
	 * Print each tenant's outcome.
	 * @param <T> what the command returns for one tenant
	 * @param outcome every tenant's outcome
	 * @param done what a tenant's result says, e.g. {@code 2 applied, now at 0003}
	 * @param command the command's name
	 * @param line the command line, to say what to type for one tenant
	 * @param out where to print
	 * @throws SmallsException if any tenant failed or was skipped, after printing
	 */
	static <T> void print(TenantsOutcome<T> outcome, Function<T, String> done, String command, CommandLine line,
			PrintWriter out) {
		for (TenantOutcome<T> tenant : outcome.outcomes()) {
			String id = tenant.tenant();
			SmallsException failure = tenant.failure();
			T result = tenant.result();
			if (tenant.skipped()) {
				out.println("  " + id + " ... skipped: an earlier tenant failed, and smalls.tenants.stop-on-failure "
						+ "stops the tenants not yet started");
			}
			else if (failure != null) {
				out.println("  " + id + " ... FAILED: " + failure.getMessage());
				out.println("      What to do: "
						+ ShellAdvice.action(failure, TenantOptions.retyped(command, line, id), id));
			}
			else if (result != null) {
				out.println("  " + id + " ... " + done.apply(result));
			}
		}
		requireSucceeded(outcome, command, line);
	}

	/**
	 * Fail the command if any tenant failed or was skipped.
	 * @param outcome every tenant's outcome, already shown
	 * @param command the command's name
	 * @param line the command line, to say what to type for one tenant
	 * @throws SmallsException if any tenant failed or was skipped
	 */
	static void requireSucceeded(TenantsOutcome<?> outcome, String command, CommandLine line) {
		List<? extends TenantOutcome<?>> failed = outcome.failed();
		if (failed.isEmpty()) {
			return;
		}
		List<String> retries = failed.stream()
			.limit(SHOWN_RETRIES)
			.map((tenant) -> TenantOptions.retyped(command, line, tenant.tenant()))
			.toList();
		throw new SmallsException(failed.size() + " of " + outcome.outcomes().size() + " tenants did not complete: "
				+ failed.stream()
					.map((tenant) -> tenant.tenant() + (tenant.skipped() ? " (skipped)" : ""))
					.collect(Collectors.joining(", "))
				+ ". The others did, and stay as they are.",
				"Fix what failed for each tenant, as said above, then run the command again for that tenant alone: "
						+ String.join("; ", retries) + ((failed.size() > SHOWN_RETRIES) ? "; ..." : "") + ".");
	}

}
