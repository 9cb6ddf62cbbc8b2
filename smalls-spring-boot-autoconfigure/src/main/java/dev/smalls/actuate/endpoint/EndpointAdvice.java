package dev.smalls.actuate.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsException;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.SmallsValidationException;

/**
 * What to do next, said to whoever sends requests to the endpoint: the request to send or
 * the setting to change. The engine's own advice speaks to a programmer calling its API
 * ("build the migrator with outOfOrder(true)"); where that differs, the endpoint says it its
 * way.
 */
final class EndpointAdvice {

	/** What repair does, for a schema migration and for a migration of code. */
	static final String INTERRUPTED_REPAIR = "For a schema migration, repair undoes exactly the operations of it that "
			+ "took effect; for a migration of code, undo by hand what the message says may be in effect first: "
			+ "repair only forgets the interruption.";

	private EndpointAdvice() {
	}

	static String action(SmallsException ex, WriteRequest request) {
		if (ex instanceof SmallsValidationException validation) {
			return validation(validation, request);
		}
		if (ex instanceof SmallsMigrationException migration) {
			if (migration.getOutcome() == Outcome.UNKNOWN) {
				return "Once the database is reachable, GET " + statusPath(request) + ": it shows whether "
						+ MigrationNames.display(migration.getFailedSequence(), migration.getFailedName())
						+ " is applied.";
			}
			if (migration.getOutcome() == Outcome.PARTLY_APPLIED) {
				String shown = MigrationNames.display(migration.getFailedSequence(), migration.getFailedName());
				return "Check the database for what " + shown + " did before it failed and undo that by hand; then POST "
						+ body(request, "\"sequence\": " + migration.getFailedSequence()) + " to /actuator/smalls/repair, "
						+ "which forgets the interruption, fix " + shown + ", and send the request again"
						+ again(request, migration.getCurrent());
			}
			return ex.getAction() + " Then send the request again" + again(request, migration.getCurrent());
		}
		if (ex instanceof SmallsLockException) {
			return ex.getAction() + " The wait is smalls.lock-timeout; once the other instance is done, send the "
					+ "request again.";
		}
		return ex.getAction();
	}

	private static String again(WriteRequest request, int current) {
		return (request.expected() != null) ? " with \"expected\": " + current + "." : ".";
	}

	private static String validation(SmallsValidationException ex, WriteRequest request) {
		List<Integer> sequences = ex.getSequences();
		int first = sequences.isEmpty() ? 0 : sequences.get(0);
		boolean repairing = request.action().equals(WriteRequest.REPAIR);
		return switch (ex.getProblem()) {
			case INTERRUPTED -> repairing
					? ex.getAction() + " With the code that ran restored, POST " + body(request, "\"sequence\": " + first)
							+ " to /actuator/smalls/repair again."
					: "Repair it first: POST " + body(request, "\"sequence\": " + first) + " to /actuator/smalls/repair. "
							+ INTERRUPTED_REPAIR + " Then send this request again.";
			case INVALID_ARGUMENT -> repairing
					? "GET " + statusPath(request) + " shows a migration that needs repair as INTERRUPTED."
					: ex.getAction();
			case EDITED_MIGRATION -> "Check what changed in " + shown(sequences) + " since it was applied. If the edit "
					+ "changes nothing a database already has, POST " + body(request, "\"sequence\": " + first)
							+ " to /actuator/smalls/accept, then send this request again; "
					+ "otherwise restore the migration as it was and put the change in a new migration.";
			case IRREVERSIBLE -> "Roll back no further than " + MigrationNames.display(first) + ": POST "
					+ body(request, "\"to\": " + first) + " to /actuator/smalls/rollback keeps it applied and rolls "
					+ "back what is above it. To undo what it did, write a new migration that does, and deploy it.";
			case OUT_OF_ORDER -> "Migrations apply in sequence order: renumber " + shown(sequences)
					+ " above the current sequence and deploy it, or allow it on purpose with "
					+ "smalls.out-of-order=true in the application's configuration, restart, and POST to "
					+ "/actuator/smalls/migrate again.";
			case TARGET_BELOW_CURRENT -> "Migrate only moves forward. To go back to " + MigrationNames.display(first)
					+ ", POST " + body(request, "\"to\": " + first) + " to /actuator/smalls/rollback.";
			case TARGET_ABOVE_CURRENT -> "The target is the sequence that stays applied: GET " + statusPath(request)
					+ " shows the current sequence; send a \"to\" at or below it ({\"to\": 0} rolls back everything).";
			case MISSING_MIGRATION -> ex.getAction() + " GET " + statusPath(request) + " lists " + shown(sequences)
					+ " as MISSING.";
			default -> ex.getAction();
		};
	}

	/**
	 * A request body to send, for the same tenant as the request: e.g.
	 * {@code {"to": 2, "tenant": "acme"}}.
	 * @param request the request answered
	 * @param pairs the body's other keys and values, as JSON
	 * @return the body
	 */
	static String body(WriteRequest request, String... pairs) {
		List<String> keys = new ArrayList<>(List.of(pairs));
		if (request.tenant() != null) {
			keys.add("\"tenant\": \"" + Texts.shown(request.tenant()).replace("\\", "\\\\").replace("\"", "\\\"")
					+ "\"");
		}
		return "{" + String.join(", ", keys) + "}";
	}

	/**
	 * Where to GET the status of the database a request acted on.
	 * @param request the request
	 * @return the tenant's status path, or the application's
	 */
	static String statusPath(WriteRequest request) {
		return (request.tenant() != null) ? "/actuator/smalls/tenants/" + Texts.shown(request.tenant())
				: "/actuator/smalls";
	}

	private static String shown(List<Integer> sequences) {
		return sequences.isEmpty() ? "the migration"
				: sequences.stream().map(MigrationNames::display).collect(Collectors.joining(", "));
	}

}
