package dev.smalls.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.smalls.MigrationStatus;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenant;
import dev.smalls.SmallsTenants;
import dev.smalls.TenantOutcome;
import dev.smalls.TenantsOutcome;
import dev.smalls.actuate.endpoint.SmallsEndpoint.TenantDescriptor;
import dev.smalls.actuate.endpoint.WriteRequest.InvalidRequest;

/**
 * Which database a request acts on: the tenant it names, every tenant, or the application's
 * own. Naming a tenant where none are configured, or an unknown one, is refused; so is a
 * write that names none in an application that has tenants, whose default schema is not a
 * tenant (start-up does not migrate it): the request must say what it means.
 */
final class EndpointTenants {

	private static final int SHOWN_TENANTS = 5;

	private final SmallsMigrator migrator;

	private final @Nullable SmallsTenants tenants;

	EndpointTenants(SmallsMigrator migrator, @Nullable SmallsTenants tenants) {
		this.migrator = migrator;
		this.tenants = tenants;
	}

	/**
	 * Every tenant's status at a glance.
	 * @return the statuses by tenant, or {@code null} when the application has no tenants
	 */
	@Nullable Map<String, TenantDescriptor> summaries() {
		if (this.tenants == null) {
			return null;
		}
		Map<String, TenantDescriptor> summaries = new LinkedHashMap<>();
		for (TenantOutcome<MigrationStatus> outcome : this.tenants.status().outcomes()) {
			summaries.put(outcome.tenant(), TenantDescriptor.of(outcome));
		}
		return summaries;
	}

	/**
	 * A tenant's migrator, for a write.
	 * @param id the tenant's id
	 * @return its migrator
	 * @throws InvalidRequest if there are no tenants, or none with that id
	 */
	SmallsMigrator migrator(String id) {
		return migrator(id, "'tenant'", " Nothing was changed.");
	}

	/**
	 * A tenant's migrator, to read its status.
	 * @param id the tenant's id
	 * @return its migrator
	 * @throws InvalidRequest if there are no tenants, or none with that id
	 */
	SmallsMigrator migratorToRead(String id) {
		return migrator(id, "A tenant's status", "");
	}

	private SmallsMigrator migrator(String id, String what, String outcome) {
		SmallsTenants tenants = requireTenants(what, outcome);
		if (tenants.tenants().stream().noneMatch((tenant) -> tenant.id().equals(id))) {
			throw new InvalidRequest("There is no tenant '" + Texts.shown(id) + "'." + outcome,
					"Name one of the tenants: " + known(tenants) + ".");
		}
		return tenants.migrator(id);
	}

	/**
	 * The migrator a request for one database acts on.
	 * @param request the request
	 * @return the migrator of the tenant it names, or the application's
	 * @throws InvalidRequest if the request names a tenant that is not there, or none where
	 * there are tenants
	 */
	SmallsMigrator target(WriteRequest request) {
		String tenant = request.tenant();
		if (tenant != null) {
			return migrator(tenant);
		}
		if (this.tenants != null) {
			throw new InvalidRequest("This application has tenants (" + known(this.tenants) + "), and the request "
					+ "names none. Nothing was changed.", "Add \"tenant\": \"<id>\" to act on one tenant"
							+ (request.action().equals(WriteRequest.REPAIR) || request.action().equals(WriteRequest.ACCEPT) ? ""
									: ", or \"allTenants\": true to act on every one")
							+ ". The application's default schema is not a tenant, and start-up does not migrate it.");
		}
		return this.migrator;
	}

	/**
	 * Run a request on every tenant, at most {@code smalls.tenants.parallelism} at a time.
	 * @param request the request
	 * @param work what to do on one tenant's migrator
	 * @return each tenant's answer, by id; 500 with the failed tenants named if any failed
	 */
	WebEndpointResponse<Map<String, Object>> each(WriteRequest request,
			Function<SmallsMigrator, Map<String, Object>> work) {
		TenantsOutcome<Map<String, Object>> outcome = requireTenants("'allTenants'", " Nothing was changed.").each(work);
		Map<String, Object> answers = new LinkedHashMap<>();
		for (TenantOutcome<Map<String, Object>> tenant : outcome.outcomes()) {
			SmallsException failure = tenant.failure();
			if (tenant.skipped()) {
				answers.put(tenant.tenant(), Map.of("skipped", true, "error",
						"Skipped: an earlier tenant failed, and smalls.tenants.stop-on-failure is set."));
			}
			else if (failure != null) {
				answers.put(tenant.tenant(), WriteResults.failure(failure, request.forTenant(tenant.tenant())));
			}
			else {
				answers.put(tenant.tenant(), tenant.result());
			}
		}
		List<TenantOutcome<Map<String, Object>>> failed = outcome.failed();
		Map<String, Object> body = new LinkedHashMap<>();
		if (!failed.isEmpty()) {
			body.put("error", failed.size() + " of " + outcome.outcomes().size() + " tenants did not complete: "
					+ failed.stream().map(TenantOutcome::tenant).collect(Collectors.joining(", "))
					+ ". The others did, and stay as they are.");
			body.put("action", "Fix what failed for each tenant, as its \"action\" says, then send the request "
					+ "again for that tenant alone, with \"tenant\": \"<id>\".");
		}
		body.put("tenants", answers);
		return new WebEndpointResponse<>(body, failed.isEmpty() ? WebEndpointResponse.STATUS_OK
				: WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
	}

	private SmallsTenants requireTenants(String what, String outcome) {
		if (this.tenants == null) {
			String configure = "configure tenants with smalls.tenants.schemas or a SmallsTenantSource bean";
			throw new InvalidRequest(what + " needs tenants, and this application has none." + outcome,
					outcome.isEmpty() ? "GET /actuator/smalls for the application's status, or " + configure + "."
							: "Leave " + what + " out, or " + configure + ".");
		}
		return this.tenants;
	}

	private static String known(SmallsTenants tenants) {
		List<String> ids = tenants.tenants().stream().map(SmallsTenant::id).toList();
		if (ids.isEmpty()) {
			return "none at the moment";
		}
		String shown = ids.stream().limit(SHOWN_TENANTS).map(Texts::shown).collect(Collectors.joining(", "));
		return (ids.size() > SHOWN_TENANTS) ? shown + " and " + (ids.size() - SHOWN_TENANTS) + " more" : shown;
	}

}
