package dev.smalls.commands;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.smalls.MigrationState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The JSON text of {@code --json}, read back by a real JSON parser.
 */
class JsonOutputTests {

	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	@Test
	void everyKindOfValueIsReadBackAsWrittenAndInTheMapsOrder() {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("zeta", 1);
		value.put("alpha", Long.MAX_VALUE);
		value.put("text", "plain");
		value.put("yes", true);
		value.put("nothing", null);
		value.put("state", MigrationState.EDITED);
		value.put("at", Instant.parse("2026-11-29T18:00:00.123Z"));
		value.put("list", List.of(1, "two", List.of(), Map.of()));
		value.put("decimal", new BigDecimal("1.50"));
		JsonNode read = json.readTree(JsonOutput.write(value));
		assertThat(read.propertyNames()).containsExactly("zeta", "alpha", "text", "yes", "nothing", "state", "at",
				"list", "decimal");
		assertThat(read.get("zeta").asInt()).isEqualTo(1);
		assertThat(read.get("alpha").asLong()).isEqualTo(Long.MAX_VALUE);
		assertThat(read.get("text").asString()).isEqualTo("plain");
		assertThat(read.get("yes").asBoolean()).isTrue();
		assertThat(read.get("nothing").isNull()).isTrue();
		assertThat(read.get("state").asString()).isEqualTo("EDITED");
		assertThat(read.get("at").asString()).isEqualTo("2026-11-29T18:00:00.123Z");
		assertThat(read.get("list").size()).isEqualTo(4);
		assertThat(read.get("list").get(2).isArray()).isTrue();
		assertThat(read.get("list").get(3).isObject()).isTrue();
		assertThat(read.get("decimal").decimalValue()).isEqualByComparingTo("1.5");
	}

	@Test
	void emptyContainersAreWrittenOnOneLineAndOthersIndentedTwoSpacesALevel() {
		assertThat(JsonOutput.write(Map.of())).isEqualTo("{}");
		assertThat(JsonOutput.write(List.of())).isEqualTo("[]");
		assertThat(JsonOutput.write(Map.of("a", List.of(1, 2)))).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ]\n}");
	}

	@Test
	void everyCharacterOfHostileTextIsReadBackExactlyFromAnAsciiDocument() {
		StringBuilder every = new StringBuilder();
		for (char c = 0; c < 0x80; c++) {
			every.append(c);
		}
		List<String> hostile = new ArrayList<>(List.of(every.toString(), "quote \" backslash \\ slash / end\\",
				"line\nbreak\r\ttab\b\f", "\u0000\u001f\u007f\u0085", "é ß 日本 Ω", "emoji 😀 and 🇩🇪",
				"separators \u2028 \u2029", "bidi \u202e override", "\"}, {\"injected\": true, \"x\": \"",
				"</script><!--", "\ufeffbom", "\uffff"));
		Map<String, Object> document = new LinkedHashMap<>();
		for (int i = 0; i < hostile.size(); i++) {
			document.put("key " + hostile.get(i), hostile.get(i));
		}
		String written = JsonOutput.write(document);
		assertThat(written.chars().allMatch((c) -> c == '\n' || (c >= 0x20 && c < 0x7f))).as(written).isTrue();
		JsonNode read = json.readTree(written);
		assertThat(read.size()).isEqualTo(hostile.size());
		for (String text : hostile) {
			assertThat(read.get("key " + text).asString()).isEqualTo(text);
		}
		assertThat(read.has("injected")).isFalse();
	}

	@Test
	void aLoneSurrogateIsWrittenAsTheReplacementCharacterAndAPairIsKept() {
		String written = JsonOutput.write(Arrays.asList("a\ud800b", "\udc00", "x\ud83d\ude00y"));
		assertThat(written).contains("\"a\\ufffdb\"").contains("\"\\ufffd\"").contains("\"x\\ud83d\\ude00y\"");
		JsonNode read = json.readTree(written);
		assertThat(read.get(0).asString()).isEqualTo("a\ufffdb");
		assertThat(read.get(2).asString()).isEqualTo("x😀y");
	}

	@Test
	void whatJsonCannotSayIsRefusedRatherThanWrittenWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonOutput.write(Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonOutput.write(Double.POSITIVE_INFINITY));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonOutput.write(Map.of(1, "a")));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonOutput.write(new Object()));
	}

}
