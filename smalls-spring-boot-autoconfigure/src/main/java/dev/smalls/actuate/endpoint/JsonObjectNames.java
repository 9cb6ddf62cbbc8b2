package dev.smalls.actuate.endpoint;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The names of the members of a JSON object, in the order sent, a name sent twice listed
 * twice: what a request body said before Spring MVC's JSON reading kept the last value of
 * each name alone. Strict, as RFC 8259 writes JSON (no comments, no single quotes, nothing
 * after the object): whatever is read here one way must not be bound another way, so a body
 * this does not read is refused, not passed on.
 */
final class JsonObjectNames {

	// Deeper than any value the endpoint takes (its values are numbers, strings and flags),
	// shallow enough that no body can exhaust the stack.
	private static final int MAX_DEPTH = 32;

	private final String json;

	private int at;

	private JsonObjectNames(String json) {
		this.json = json;
	}

	/**
	 * Read the names of a JSON object's members.
	 * @param json the text of one JSON object, with whitespace around it or not
	 * @return its member names, or {@code null} when the text is anything but one JSON object
	 */
	static @Nullable List<String> of(String json) {
		JsonObjectNames reader = new JsonObjectNames(json);
		try {
			List<String> names = new ArrayList<>();
			reader.whitespace();
			reader.object(0, names);
			reader.whitespace();
			return reader.atEnd() ? names : null;
		}
		catch (NotJson ex) {
			return null;
		}
	}

	private void object(int depth, @Nullable List<String> names) {
		expect('{');
		whitespace();
		if (take('}')) {
			return;
		}
		do {
			whitespace();
			String name = string();
			if (names != null) {
				names.add(name);
			}
			whitespace();
			expect(':');
			value(depth + 1);
			whitespace();
		}
		while (take(','));
		expect('}');
	}

	private void array(int depth) {
		expect('[');
		whitespace();
		if (take(']')) {
			return;
		}
		do {
			value(depth + 1);
			whitespace();
		}
		while (take(','));
		expect(']');
	}

	private void value(int depth) {
		if (depth > MAX_DEPTH) {
			throw new NotJson();
		}
		whitespace();
		switch (peek()) {
			case '{' -> object(depth, null);
			case '[' -> array(depth);
			case '"' -> string();
			case 't' -> literal("true");
			case 'f' -> literal("false");
			case 'n' -> literal("null");
			default -> number();
		}
	}

	private String string() {
		expect('"');
		StringBuilder text = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return text.toString();
			}
			if (c < 0x20) {
				throw new NotJson();
			}
			text.append((c == '\\') ? escaped() : c);
		}
	}

	private char escaped() {
		char c = next();
		return switch (c) {
			case '"', '\\', '/' -> c;
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			case 'u' -> (char) ((hex() << 12) | (hex() << 8) | (hex() << 4) | hex());
			default -> throw new NotJson();
		};
	}

	private int hex() {
		int digit = Character.digit(next(), 16);
		if (digit < 0) {
			throw new NotJson();
		}
		return digit;
	}

	private void number() {
		take('-');
		if (!take('0')) {
			digits();
		}
		if (take('.')) {
			digits();
		}
		if (take('e') || take('E')) {
			if (!take('+')) {
				take('-');
			}
			digits();
		}
	}

	private void digits() {
		int start = this.at;
		while (!atEnd() && peek() >= '0' && peek() <= '9') {
			this.at++;
		}
		if (this.at == start) {
			throw new NotJson();
		}
	}

	private void literal(String word) {
		if (!this.json.startsWith(word, this.at)) {
			throw new NotJson();
		}
		this.at += word.length();
	}

	private void whitespace() {
		while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
			this.at++;
		}
	}

	private void expect(char c) {
		if (!take(c)) {
			throw new NotJson();
		}
	}

	private boolean take(char c) {
		if (!atEnd() && peek() == c) {
			this.at++;
			return true;
		}
		return false;
	}

	private char next() {
		char c = peek();
		this.at++;
		return c;
	}

	private char peek() {
		if (atEnd()) {
			throw new NotJson();
		}
		return this.json.charAt(this.at);
	}

	private boolean atEnd() {
		return this.at >= this.json.length();
	}

	/** The text stopped being JSON here; nothing more is read. */
	private static final class NotJson extends RuntimeException {

		NotJson() {
			super(null, null, false, false);
		}

	}

}
