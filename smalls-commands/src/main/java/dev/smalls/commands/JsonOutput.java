package dev.smalls.commands;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The JSON text of what a command prints with {@code --json}: objects are {@link Map}s with
 * text keys, written in the map's order; arrays are {@link Iterable}s; then text, numbers,
 * booleans, enum constants (by name), instants (ISO-8601, UTC) and {@code null}. Indented two
 * spaces a level, for a person reading a CI log. Everything outside printable ASCII is
 * written as a {@code \\uXXXX} escape, so that no console or pipe charset can garble a
 * document, and a lone surrogate as U+FFFD, so that every document is valid Unicode. Kept to
 * this, with no JSON library: the commands run in applications that have none, or another
 * version of one.
 */
public final class JsonOutput {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private JsonOutput() {
	}

	/**
	 * The JSON text of a value.
	 * @param value a map, an iterable, text, a number, a boolean, an enum constant, an instant
	 * or {@code null}, nested as deep as wanted
	 * @return the text, without a final line break
	 * @throws IllegalArgumentException for anything else, a key that is not text, or a number
	 * that is not finite
	 */
	public static String write(@Nullable Object value) {
		StringBuilder json = new StringBuilder();
		append(json, value, 0);
		return json.toString();
	}

	private static void append(StringBuilder json, @Nullable Object value, int depth) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof CharSequence || value instanceof Character) {
			string(json, value.toString());
		}
		else if (value instanceof Enum<?> constant) {
			string(json, constant.name());
		}
		else if (value instanceof Instant instant) {
			string(json, instant.toString());
		}
		else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
				|| value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
			json.append(value);
		}
		else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
			double number = ((Number) value).doubleValue();
			if (!Double.isFinite(number)) {
				throw new IllegalArgumentException("JSON has no number " + value);
			}
			json.append((value instanceof BigDecimal decimal) ? decimal.toString() : value.toString());
		}
		else if (value instanceof Map<?, ?> map) {
			container(json, '{', '}', map.entrySet().iterator(), depth, (entry) -> {
				if (!(entry.getKey() instanceof String key)) {
					throw new IllegalArgumentException("A JSON object's keys are text, not " + entry.getKey());
				}
				string(json, key);
				json.append(": ");
				append(json, entry.getValue(), depth + 1);
			});
		}
		else if (value instanceof Iterable<?> iterable) {
			container(json, '[', ']', iterable.iterator(), depth, (item) -> append(json, item, depth + 1));
		}
		else {
			throw new IllegalArgumentException("No JSON form for a " + value.getClass().getName());
		}
	}

	private static <T> void container(StringBuilder json, char open, char close, Iterator<T> items, int depth,
			Consumer<T> member) {
		json.append(open);
		if (!items.hasNext()) {
			json.append(close);
			return;
		}
		while (items.hasNext()) {
			json.append('\n').append("  ".repeat(depth + 1));
			member.accept(items.next());
			if (items.hasNext()) {
				json.append(',');
			}
		}
		json.append('\n').append("  ".repeat(depth)).append(close);
	}

	private static void string(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				default -> {
					if (c >= 0x20 && c < 0x7f) {
						json.append(c);
					}
					else if (Character.isHighSurrogate(c) && i + 1 < text.length()
							&& Character.isLowSurrogate(text.charAt(i + 1))) {
						escape(json, c);
						escape(json, text.charAt(++i));
					}
					else {
						escape(json, Character.isSurrogate(c) ? '\ufffd' : c);
					}
				}
			}
		}
		json.append('"');
	}

	private static void escape(StringBuilder json, char c) {
		json.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
			.append(HEX[c & 0xf]);
	}

}
