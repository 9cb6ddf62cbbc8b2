package dev.smalls.actuate.endpoint;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.smalls.actuate.endpoint.WriteRequest.InvalidRequest;

/**
 * Where each key of a request to the smalls endpoint may come from. Spring Boot binds an
 * operation's arguments from three places into one map, each overwriting the one before: the
 * path's selectors, then a POST's JSON body, then the query string
 * ({@code AbstractWebMvcEndpointHandlerMapping}). Left to that, {@code {"action":
 * "rollback"}} in the body of {@code POST /actuator/smalls/migrate}, or
 * {@code ?action=rollback}, rolls back through a path that security rules let through as a
 * migrate, and a key sent twice takes whichever value is read last. So a selector comes from
 * the path alone, and every other key comes once, from the body or from the query string.
 */
final class RequestKeys {

	/**
	 * The write operations' selectors: {@code /actuator/smalls/{action}} and
	 * {@code /actuator/smalls/{kind}/{instance}/{action}}.
	 */
	private static final Set<String> WRITE_SELECTORS = Set.of("action", "kind", "instance");

	/**
	 * The read operations' selectors: {@code /actuator/smalls/{kind}/{tenant}} and
	 * {@code /actuator/smalls/{kind}/{instance}/{view}}.
	 */
	private static final Set<String> READ_SELECTORS = Set.of("kind", "tenant", "instance");

	private RequestKeys() {
	}

	/**
	 * Check the keys of a write.
	 * @param body the names in its JSON body, as sent (a name sent twice is there twice)
	 * @param query its query parameters
	 * @throws InvalidRequest if a key names the action, or is given twice
	 */
	static void checkWrite(List<String> body, Map<String, String[]> query) {
		for (String key : WRITE_SELECTORS) {
			if (body.contains(key) || query.containsKey(key)) {
				throw new InvalidRequest("'" + key + "' cannot be sent in the body or the query string: the path "
						+ "says what to do. Nothing was changed.", "Leave \"" + key + "\" out, and POST to "
								+ "/actuator/smalls/migrate, /actuator/smalls/rollback, /actuator/smalls/repair or /actuator/smalls/accept, "
								+ "whichever you mean.");
			}
		}
		Set<String> seen = new HashSet<>();
		for (String key : body) {
			if (!seen.add(key)) {
				throw givenTwice(key, "in the body");
			}
		}
		query.forEach((key, values) -> {
			if (values.length > 1) {
				throw givenTwice(key, "in the query string");
			}
			if (seen.contains(key)) {
				throw givenTwice(key, "in the body and in the query string");
			}
		});
	}

	/**
	 * Check the query string of a read.
	 * @param query its query parameters
	 * @throws InvalidRequest if one of them names what the path says
	 */
	static void checkRead(Map<String, String[]> query) {
		for (String key : READ_SELECTORS) {
			if (query.containsKey(key)) {
				throw new InvalidRequest("'" + key + "' cannot be sent in the query string: the path says what to "
						+ "read.", "GET /actuator/smalls/tenants/<id> for one tenant's status, GET /actuator/smalls "
								+ "for the application's.");
			}
		}
	}

	private static InvalidRequest givenTwice(String key, String where) {
		return new InvalidRequest("'" + Texts.shown(key) + "' is given twice, " + where + ". Nothing was changed.",
				"Send each key once, in the JSON body, e.g. {\"to\": 1} or {\"batches\": 1, \"expected\": 3}.");
	}

}
