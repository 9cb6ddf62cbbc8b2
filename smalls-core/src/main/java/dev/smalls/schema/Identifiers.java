package dev.smalls.schema;

import dev.smalls.dialect.SqlIdentifiers;

/**
 * The names schema operations accept: plain SQL identifiers, which need no quoting to be safe
 * and mean on every database what they mean unquoted. Anything else is refused when the
 * migration records its operations, before any of them runs.
 */
final class Identifiers {

	/** PostgreSQL's limit; the others allow at least as much. */
	static final int MAX_LENGTH = SqlIdentifiers.MAX_LENGTH;

	private Identifiers() {
	}

	/**
	 * A table's name, optionally qualified by its schema ({@code app.users}).
	 * @param name the name
	 * @return the name
	 * @throws IllegalArgumentException if it is not a plain identifier
	 */
	static String table(String name) {
		check("Table", name);
		if (!SqlIdentifiers.isTable(name)) {
			throw refused("Table", name);
		}
		return name;
	}

	/**
	 * A column's, index's or constraint's name.
	 * @param what what it names, for the message, e.g. {@code "Column"}
	 * @param name the name
	 * @return the name
	 * @throws IllegalArgumentException if it is not a plain identifier
	 */
	static String plain(String what, String name) {
		check(what, name);
		if (!SqlIdentifiers.isPlain(name)) {
			throw refused(what, name);
		}
		return name;
	}

	private static IllegalArgumentException refused(String what, String name) {
		return new IllegalArgumentException(what + " name '" + name + "' is not a plain SQL identifier: use letters, "
				+ "digits and underscores, not starting with a digit, at most " + MAX_LENGTH + " characters"
				+ ("Table".equals(what) ? " (a table may be schema-qualified, as app.users)" : ""));
	}

	private static void check(String what, String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException(what + " name must not be empty");
		}
	}

}
