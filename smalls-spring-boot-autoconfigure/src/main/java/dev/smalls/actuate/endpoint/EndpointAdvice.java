package dev.smalls.actuate.endpoint;

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

	private EndpointAdvice() {
	}

	static String action(SmallsException ex, WriteRequest request) {
		if (ex instanceof SmallsValidationException validation) {
			return validation(validation);
		}
		if (ex instanceof SmallsMigrationException migration) {
			if (migration.getOutcome() == Outcome.UNKNOWN) {
				return "Once the database is reachable, GET /actuator/smalls: it shows whether "
						+ MigrationNames.display(migration.getFailedSequence(), migration.getFailedName())
						+ " is applied.";
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

	private static String validation(SmallsValidationException ex) {
		List<Integer> sequences = ex.getSequences();
		int first = sequences.isEmpty() ? 0 : sequences.get(0);
		return switch (ex.getProblem()) {
			case OUT_OF_ORDER -> "Migrations apply in sequence order: renumber " + shown(sequences)
					+ " above the current sequence and deploy it, or allow it on purpose with "
					+ "smalls.out-of-order=true in the application's configuration, restart, and POST to "
					+ "/actuator/smalls/migrate again.";
			case TARGET_BELOW_CURRENT -> "Migrate only moves forward. To go back to " + MigrationNames.display(first)
					+ ", POST {\"to\": " + first + "} to /actuator/smalls/rollback.";
			case TARGET_ABOVE_CURRENT -> "The target is the sequence that stays applied: GET /actuator/smalls shows "
					+ "the current sequence; send a \"to\" at or below it ({\"to\": 0} rolls back everything).";
			case MISSING_MIGRATION -> ex.getAction() + " GET /actuator/smalls lists " + shown(sequences)
					+ " as MISSING.";
			default -> ex.getAction();
		};
	}

	private static String shown(List<Integer> sequences) {
		return sequences.isEmpty() ? "the migration"
				: sequences.stream().map(MigrationNames::display).collect(Collectors.joining(", "));
	}

}
