package dev.smalls.actuate.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the names of a request body's members as sent, strictly.
 */
class JsonObjectNamesTests {

	@Test
	void theNamesComeInTheOrderSentWithANameSentTwiceListedTwice() {
		assertThat(JsonObjectNames.of("{\"to\": 2, \"expected\": 3, \"to\": 1}")).containsExactly("to", "expected",
				"to");
	}

	@Test
	void anEscapedNameIsReadAsTheNameItSpells() {
		assertThat(JsonObjectNames.of("{\"\\u0061ction\": \"rollback\", \"a\\\"b\\\\c\\/\": 1}"))
			.containsExactly("action", "a\"b\\c/");
	}

	@Test
	void theNamesOfNestedObjectsAreNotTheBodys() {
		assertThat(JsonObjectNames.of(" {\"to\": {\"action\": 1}, \"list\": [{\"x\": [true, false, null]}]} "))
			.containsExactly("to", "list");
	}

	@Test
	void anEmptyObjectHasNoNames() {
		assertThat(JsonObjectNames.of("{}")).isEmpty();
	}

	@Test
	void numbersOfEveryJsonFormAreRead() {
		assertThat(JsonObjectNames.of("{\"a\": 0, \"b\": -12, \"c\": 1.5, \"d\": 2e10, \"e\": -0.5E-3}"))
			.containsExactly("a", "b", "c", "d", "e");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", " ", "[]", "1", "\"to\"", "{", "{\"to\": 1", "{\"to\": 1}}", "{\"to\": 1} {\"to\": 2}",
			"{\"to\": 1,}", "{to: 1}", "{'to': 1}", "{\"to\": 01}", "{\"to\": +1}", "{\"to\": .5}", "{\"to\": 1.}",
			"{\"to\": tru}", "{\"to\": \"a\nb\"}", "{\"to\": \"\\x\"}", "{\"to\": \"\\u12\"}", "{\"to\" 1}",
			"{\"to\": 1 /* one */}", "\ufeff{}", "{\"to\": [1,]}" })
	void anythingButOneJsonObjectIsNotRead(String text) {
		assertThat(JsonObjectNames.of(text)).isNull();
	}

	@Test
	void nestingDeeperThanAnyRequestNeedsIsNotRead() {
		assertThat(JsonObjectNames.of("{\"to\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}")).isNull();
	}

}
