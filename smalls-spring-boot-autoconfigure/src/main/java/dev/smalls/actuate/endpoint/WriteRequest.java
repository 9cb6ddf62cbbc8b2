package dev.smalls.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.input.WholeNumbers;

/**
 * A {@code POST /actuator/smalls/migrate}, {@code /rollback} or {@code /repair}, checked
 * before anything runs: whole numbers where numbers belong, {@code true} or {@code false}
 * where a flag belongs, and exactly the keys that action takes.
 *
 * @param action {@code migrate}, {@code rollback} or {@code repair}
 * @param to the target sequence, or {@code null}
 * @param batches how many batches to roll back, or {@code null}
 * @param expected the current sequence the caller expects, or {@code null}
 * @param sequence the interrupted migration to repair, or the edited one whose checksum to
 * accept, or {@code null}
 * @param tenant the tenant to act on, or {@code null}
 * @param allTenants whether to act on every tenant
 */
record WriteRequest(String action, @Nullable Integer to, @Nullable Integer batches, @Nullable Integer expected,
		@Nullable Integer sequence, @Nullable String tenant, boolean allTenants) {

	static final String MIGRATE = "migrate";

	static final String ROLLBACK = "rollback";

	static final String REPAIR = "repair";

	static final String ACCEPT = "accept";

	static final String PAUSE = "pause";

	static final String RESUME = "resume";

	static final String CANCEL = "cancel";

	static final List<String> ACTIONS = List.of(MIGRATE, ROLLBACK, REPAIR, ACCEPT, PAUSE, RESUME, CANCEL);

	/** The keys of each action's body. */
	static List<String> keys(String action) {
		return switch (action) {
			case ROLLBACK -> List.of("to", "batches", "expected", "tenant", "allTenants");
			case REPAIR, ACCEPT -> List.of("sequence", "tenant");
			case PAUSE, RESUME, CANCEL -> List.of("sequence");
			default -> List.of("to", "expected", "tenant", "allTenants");
		};
	}

	/** An example body for each action, for advice. */
	static String examples(String action) {
		return switch (action) {
			case ROLLBACK -> "{\"to\": 1}, or {\"batches\": 1, \"expected\": 3}";
			case REPAIR, ACCEPT, PAUSE, RESUME, CANCEL -> "{\"sequence\": 4}";
			default -> "{} for everything pending, or {\"to\": 3, \"expected\": 2}";
		};
	}

	static WriteRequest of(String action, @Nullable String to, @Nullable String batches, @Nullable String expected,
			@Nullable String sequence, @Nullable String tenant, @Nullable String allTenants) {
		if (!ACTIONS.contains(action)) {
			throw new InvalidRequest("Unknown action '" + Texts.shown(action) + "'. Nothing was changed.",
					"POST to /actuator/smalls/migrate, /actuator/smalls/rollback, /actuator/smalls/repair or "
							+ "/actuator/smalls/accept; for a data migration, to /actuator/smalls/pause, /resume or "
							+ "/cancel.");
		}
		Map<String, @Nullable String> given = new LinkedHashMap<>();
		given.put("to", to);
		given.put("batches", batches);
		given.put("expected", expected);
		given.put("sequence", sequence);
		given.put("tenant", tenant);
		given.put("allTenants", allTenants);
		given.forEach((key, value) -> {
			if (value != null && !keys(action).contains(key)) {
				throw new InvalidRequest("'" + key + "' applies to " + String.join(" and ", actionsTaking(key))
						+ " only. Nothing was changed.", "POST " + examples(action) + " to /actuator/smalls/" + action
								+ ".");
			}
		});
		WriteRequest request = new WriteRequest(action, number(action, "to", to, 0),
				number(action, "batches", batches, 1), number(action, "expected", expected, 0),
				number(action, "sequence", sequence, 1), name(tenant), flag(action, "allTenants", allTenants));
		if (action.equals(ROLLBACK) && (request.to() == null) == (request.batches() == null)) {
			throw new InvalidRequest("A rollback needs exactly one of 'to' and 'batches'. Nothing was changed.",
					"POST {\"to\": N} to roll back everything above sequence N (0 for everything), or "
							+ "{\"batches\": K} to roll back the last K migrate runs; add \"expected\": <current "
							+ "sequence> so that a retried request cannot roll back twice.");
		}
		if (action.equals(REPAIR) && request.sequence() == null) {
			throw new InvalidRequest("A repair needs 'sequence', the interrupted migration's. Nothing was changed.",
					"POST {\"sequence\": N} to /actuator/smalls/repair; GET /actuator/smalls shows the migration to "
							+ "repair as INTERRUPTED.");
		}
		if (action.equals(ACCEPT) && request.sequence() == null) {
			throw new InvalidRequest("Accepting a checksum needs 'sequence', the edited migration's. Nothing was "
					+ "changed.", "POST {\"sequence\": N} to /actuator/smalls/accept; GET /actuator/smalls shows an "
							+ "edited migration as EDITED.");
		}
		if ((action.equals(PAUSE) || action.equals(RESUME) || action.equals(CANCEL)) && request.sequence() == null) {
			throw new InvalidRequest("To " + action + " a data migration, give its 'sequence'. Nothing was changed.",
					"POST {\"sequence\": N} to /actuator/smalls/" + action + "; GET /actuator/smalls lists the data "
							+ "migrations under \"dataMigrations\".");
		}
		if (request.allTenants() && request.tenant() != null) {
			throw new InvalidRequest("Give 'tenant' or 'allTenants', not both. Nothing was changed.",
					"Send \"tenant\": \"<id>\" to act on one tenant, or \"allTenants\": true to act on every one.");
		}
		if (request.allTenants() && request.expected() != null) {
			throw new InvalidRequest("'expected' is the current sequence of one database, and cannot apply to every "
					+ "tenant at once. Nothing was changed.", "Leave \"expected\" out, or send the request for one "
							+ "tenant at a time with \"tenant\": \"<id>\" and that tenant's \"expected\".");
		}
		return request;
	}

	/**
	 * This request, for one of the tenants of an {@code "allTenants"} request.
	 * @param id the tenant
	 * @return the request for that tenant alone
	 */
	WriteRequest forTenant(String id) {
		return new WriteRequest(this.action, this.to, this.batches, this.expected, this.sequence, id, false);
	}

	private static List<String> actionsTaking(String key) {
		return ACTIONS.stream().filter((action) -> keys(action).contains(key)).toList();
	}

	private static @Nullable Integer number(String action, String key, @Nullable String value, int minimum) {
		if (value == null) {
			return null;
		}
		Integer number = WholeNumbers.parse(value, minimum);
		if (number == null) {
			throw new InvalidRequest(WholeNumbers.refusal("'" + key + "'", minimum, Texts.shown(value))
					+ ". Nothing was changed.", "Send numbers, e.g. " + examples(action) + ".");
		}
		return number;
	}

	private static boolean flag(String action, String key, @Nullable String value) {
		if (value == null || value.equals("false")) {
			return false;
		}
		if (!value.equals("true")) {
			throw new InvalidRequest("'" + key + "' must be true or false, not '" + Texts.shown(value)
					+ "'. Nothing was changed.", "Send {\"" + key + "\": true} to " + action + " every tenant.");
		}
		return true;
	}

	private static @Nullable String name(@Nullable String tenant) {
		if (tenant != null && tenant.isBlank()) {
			throw new InvalidRequest("'tenant' is empty. Nothing was changed.",
					"Send the id of a tenant, e.g. {\"tenant\": \"acme\"}; GET /actuator/smalls lists them.");
		}
		return tenant;
	}

	/**
	 * A request that is refused before anything runs.
	 */
	static final class InvalidRequest extends RuntimeException {

		private final String action;

		InvalidRequest(String message, String action) {
			super(message);
			this.action = action;
		}

		String getAction() {
			return this.action;
		}

	}

}
