package dev.smalls.actuate.endpoint;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A {@code POST /actuator/smalls/migrate} or {@code /rollback}, checked before anything runs:
 * whole numbers where numbers belong, and exactly the keys that action takes.
 *
 * @param action {@code migrate} or {@code rollback}
 * @param to the target sequence, or {@code null}
 * @param batches how many batches to roll back, or {@code null}
 * @param expected the current sequence the caller expects, or {@code null}
 */
record WriteRequest(String action, @Nullable Integer to, @Nullable Integer batches, @Nullable Integer expected) {

	static final String MIGRATE = "migrate";

	static final String ROLLBACK = "rollback";

	/** The keys of each action's body. */
	static List<String> keys(String action) {
		return action.equals(ROLLBACK) ? List.of("to", "batches", "expected") : List.of("to", "expected");
	}

	/** An example body for each action, for advice. */
	static String examples(String action) {
		return action.equals(ROLLBACK) ? "{\"to\": 1}, or {\"batches\": 1, \"expected\": 3}"
				: "{} for everything pending, or {\"to\": 3, \"expected\": 2}";
	}

	static WriteRequest of(String action, @Nullable String to, @Nullable String batches, @Nullable String expected) {
		if (!action.equals(MIGRATE) && !action.equals(ROLLBACK)) {
			throw new InvalidRequest("Unknown action '" + Texts.shown(action) + "'. Nothing was changed.",
					"POST to /actuator/smalls/migrate or /actuator/smalls/rollback.");
		}
		WriteRequest request = new WriteRequest(action, number(action, "to", to, 0),
				number(action, "batches", batches, 1), number(action, "expected", expected, 0));
		if (action.equals(MIGRATE) && request.batches() != null) {
			throw new InvalidRequest("'batches' applies to rollback only. Nothing was changed.",
					"POST " + examples(MIGRATE) + " to /actuator/smalls/migrate.");
		}
		if (action.equals(ROLLBACK) && (request.to() == null) == (request.batches() == null)) {
			throw new InvalidRequest("A rollback needs exactly one of 'to' and 'batches'. Nothing was changed.",
					"POST {\"to\": N} to roll back everything above sequence N (0 for everything), or "
							+ "{\"batches\": K} to roll back the last K migrate runs; add \"expected\": <current "
							+ "sequence> so that a retried request cannot roll back twice.");
		}
		return request;
	}

	private static @Nullable Integer number(String action, String key, @Nullable String value, int minimum) {
		if (value == null) {
			return null;
		}
		String text = value.strip();
		if (!text.matches("\\d{1,9}") || Integer.parseInt(text) < minimum) {
			throw new InvalidRequest("'" + key + "' must be a whole number of " + minimum + " or more, not '"
					+ Texts.shown(value) + "'. Nothing was changed.", "Send numbers, e.g. " + examples(action) + ".");
		}
		return Integer.parseInt(text);
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
