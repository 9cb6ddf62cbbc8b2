package dev.smalls.actuate.endpoint;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Requests the endpoint must refuse, each over real HTTP: answered with smalls'
 * {@code {"error", "action"}} body, a bounded message, and no change to the database.
 */
@UnrestrictedEndpointTest
class SmallsEndpointHostileRequestTests {

	private static final String JSON = "application/json";

	private static final String MIGRATE = "/actuator/smalls/migrate";

	private static final String ROLLBACK = "/actuator/smalls/rollback";

	private static final String LONG = "9".repeat(5000);

	@LocalServerPort
	private int port;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void twoOfThreeApplied() {
		this.jdbc.execute("DROP ALL OBJECTS");
		this.migrator.migrate(2);
	}

	static Stream<Arguments> badRequests() {
		return Stream.of(
				// Keys the action does not take: Boot alone would ignore them and run the rest.
				arguments(MIGRATE, JSON, "{\"target\": 2}", "Unknown key 'target'"),
				arguments(ROLLBACK, JSON, "{\"to\": 1, \"batchez\": 1}", "Unknown key 'batchez'"),
				arguments(ROLLBACK, JSON, "{\"batches\": 1, \"expect\": 2}", "Unknown key 'expect'"),
				arguments(MIGRATE, JSON, "{\"to\": 3, \"force\": true}", "Unknown key 'force'"),
				arguments(MIGRATE, JSON, "{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,\"g\":1}", "and 2 more"),
				arguments(MIGRATE, JSON, "{\"" + "k".repeat(5000) + "\": 1}", "Unknown key"),
				arguments(MIGRATE + "?target=3", JSON, "{}", "Unknown key 'target'"),
				arguments(MIGRATE, JSON, "{\"batches\": 1}", "'batches' applies to rollback only"),
				// The action is the path's: no body or query string chooses another.
				arguments(MIGRATE, JSON, "{\"action\": \"rollback\", \"to\": 1}", "'action' cannot be sent"),
				arguments(MIGRATE + "?action=rollback&to=1", JSON, "{}", "'action' cannot be sent"),
				arguments(ROLLBACK, JSON, "{\"action\": \"rollback\", \"to\": 1}", "'action' cannot be sent"),
				arguments(MIGRATE, JSON, "{\"\\u0061ction\": \"rollback\", \"to\": 1}", "'action' cannot be sent"),
				arguments(MIGRATE + "?%61ction=rollback", JSON, "{\"to\": 1}", "'action' cannot be sent"),
				// A key given twice: Boot alone would take the last one it reads.
				arguments(ROLLBACK, JSON, "{\"to\": 2, \"to\": 1}", "'to' is given twice"),
				arguments(ROLLBACK + "?to=1", JSON, "{\"to\": 2}", "'to' is given twice"),
				arguments(ROLLBACK + "?to=2&to=1", JSON, "{}", "'to' is given twice"),
				arguments(ROLLBACK + "?batches=1", JSON, "{\"to\": 2, \"expected\": 2, \"expected\": 2}",
						"'expected' is given twice"),
				// Keys without values.
				arguments(MIGRATE, JSON, "{\"to\": null}", "'to' is null"),
				arguments(ROLLBACK, JSON, "{\"batches\": 1, \"expected\": null}", "'expected' is null"),
				// Bodies that are not one JSON object of numbers.
				arguments(ROLLBACK, JSON, "[{\"to\": 1}]", "not a JSON object"),
				arguments(MIGRATE, JSON, "[]", "not a JSON object"),
				arguments(ROLLBACK, JSON, "\"to=1\"", "not a JSON object"),
				arguments(ROLLBACK, JSON, "1", "not a JSON object"),
				arguments(ROLLBACK, JSON, "{\"to\": ", "not a JSON object"),
				arguments(ROLLBACK, JSON, "{to: 1}", "not a JSON object"),
				arguments(ROLLBACK, JSON, "{\"to\": {\"sequence\": 1}}", "not a JSON object"),
				arguments(ROLLBACK, JSON, "{\"to\": [1]}", "not a JSON object"),
				// Content types other than JSON.
				arguments(ROLLBACK, "text/plain", "{\"to\": 1}", "must be JSON, not text/plain"),
				arguments(ROLLBACK, "application/x-www-form-urlencoded", "to=1", "must be JSON"),
				arguments(ROLLBACK, "application/xml", "<to>1</to>", "must be JSON"),
				arguments(ROLLBACK, "text/" + "x".repeat(3000), "{\"to\": 1}", "must be JSON"),
				// Values that are not whole numbers in range.
				arguments(ROLLBACK, JSON, "{\"to\": -1}", "'to' must be a whole number of 0 or more"),
				arguments(ROLLBACK, JSON, "{\"to\": 1.5}", "'to' must be a whole number"),
				arguments(ROLLBACK, JSON, "{\"to\": \"two\"}", "not 'two'"),
				arguments(ROLLBACK, JSON, "{\"to\": true}", "'to' must be a whole number"),
				arguments(ROLLBACK, JSON, "{\"to\": \"1e3\"}", "'to' must be a whole number"),
				// Numbers with a sign or spaces, refused as any other malformed number.
				arguments(ROLLBACK, JSON, "{\"to\": \" 1 \"}", "'to' must be a whole number of 0 or more, such as 2 or "
						+ "0002, not ' 1 ': digits alone, no sign, no spaces"),
				arguments(ROLLBACK, JSON, "{\"to\": \"1 \"}", "not '1 ': digits alone"),
				arguments(ROLLBACK, JSON, "{\"to\": \"\\t1\"}", "not '?1': digits alone"),
				arguments(ROLLBACK, JSON, "{\"to\": \"+1\"}", "not '+1': digits alone"),
				arguments(ROLLBACK, JSON, "{\"to\": \"\u0661\"}", "digits alone"),
				arguments(ROLLBACK + "?to=%201", JSON, "{}", "'to' must be a whole number of 0 or more, such as 2 or "
						+ "0002, not ' 1': digits alone"),
				arguments(ROLLBACK, JSON, "{\"batches\": \" 1\"}", "'batches' must be a whole number of 1 or more"),
				arguments(ROLLBACK, JSON, "{\"to\": 1, \"expected\": \"2 \"}", "'expected' must be a whole number"),
				arguments(ROLLBACK, JSON, "{\"to\": " + LONG + "}", "not a JSON object"),
				arguments(ROLLBACK, JSON, "{\"to\": \"" + "x".repeat(5000) + "\"}", "'to' must be a whole number"),
				arguments(ROLLBACK, JSON, "{\"to\": \"1\\u0000\\n\"}", "'to' must be a whole number"),
				arguments(ROLLBACK, JSON, "{\"batches\": 0}", "'batches' must be a whole number of 1 or more"),
				arguments(ROLLBACK, JSON, "{\"batches\": 1, \"expected\": -3}", "'expected' must be a whole number"),
				arguments(MIGRATE, JSON, "{\"expected\": \"latest\"}", "'expected' must be a whole number"),
				// Requests that do not say what to do.
				arguments(ROLLBACK, JSON, "{}", "exactly one of 'to' and 'batches'"),
				arguments(ROLLBACK, JSON, "{\"to\": 1, \"batches\": 1}", "exactly one of 'to' and 'batches'"),
				arguments("/actuator/smalls/drop", JSON, "{}", "Unknown action 'drop'"),
				arguments("/actuator/smalls/" + "x".repeat(2000), JSON, "{}", "Unknown action"),
				// What the database refuses.
				arguments(ROLLBACK, JSON, "{\"to\": 3}", "Cannot roll back to 0003"),
				arguments(MIGRATE, JSON, "{\"to\": 1}", "Cannot migrate to 0001"));
	}

	@ParameterizedTest(name = "{0} {2} ({1})")
	@MethodSource("badRequests")
	void aBadRequestIsRefusedWithSmallsAnswerAndChangesNothing(String path, String contentType, String body,
			String error) throws Exception {
		HttpJson.Response response = new HttpJson(this.port).send("POST", path, contentType, body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertRefusal(response, error);
	}

	static Stream<Arguments> wrongMethods() {
		return Stream.of(arguments("PUT", MIGRATE), arguments("DELETE", ROLLBACK), arguments("POST", "/actuator/smalls"),
				arguments("PATCH", "/actuator/smalls"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("wrongMethods")
	void aMethodThePathDoesNotTakeIsRefusedWithSmallsAnswer(String method, String path) throws Exception {
		HttpJson.Response response = new HttpJson(this.port).send(method, path, JSON, "{\"to\": 0}");
		assertThat(response.status()).as(response.body()).isEqualTo(405);
		assertRefusal(response, "does not take " + method);
	}

	private void assertRefusal(HttpJson.Response response, String error) {
		assertThat(response.contentType()).startsWith("application/");
		assertThat(response.body()).as("answers echo nothing unbounded").hasSizeLessThan(1000);
		JsonNode body = response.json();
		assertThat(body.get("error").asString()).contains(error);
		assertThat(body.get("action").asString()).isNotBlank();
		assertThat(this.jdbc.queryForList("SELECT sequence_no FROM smalls_history ORDER BY sequence_no", Integer.class))
			.containsExactly(1, 2);
	}

}
