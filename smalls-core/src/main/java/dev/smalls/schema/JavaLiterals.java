package dev.smalls.schema;

/**
 * Java string literals, for the migration sources smalls writes: what a database reported
 * (a default, a vendor type, a migration's name) reaches the source only inside one, in
 * ASCII. Public for smalls' own source writers in other modules ({@code smalls squash}).
 */
public final class JavaLiterals {

	private JavaLiterals() {
	}

	/**
	 * A Java string literal of a text.
	 * @param text any text
	 * @return the literal, quotes included
	 */
	public static String string(String text) {
		StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> literal.append("\\\"");
				case '\\' -> literal.append("\\\\");
				case '\n' -> literal.append("\\n");
				case '\r' -> literal.append("\\r");
				case '\t' -> literal.append("\\t");
				default -> {
					if (c < 0x20) {
						// Octal: a unicode escape of a line break would end the literal.
						literal.append(String.format("\\%03o", (int) c));
					}
					else if (c > 0x7e) {
						literal.append(String.format("\\u%04x", (int) c));
					}
					else {
						literal.append(c);
					}
				}
			}
		}
		return literal.append('"').toString();
	}

}
