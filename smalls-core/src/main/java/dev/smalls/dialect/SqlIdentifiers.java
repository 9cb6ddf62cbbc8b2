package dev.smalls.dialect;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one rule for the names smalls writes into SQL text unquoted: plain identifiers of ASCII
 * letters, digits and underscores, not starting with a digit, at most {@value #MAX_LENGTH}
 * characters (PostgreSQL's limit; the other databases allow at least as much), which need no
 * quoting to be safe and mean on every database what they mean unquoted. A table's name may be
 * qualified by a schema ({@code app.smalls_history}). The history table, a tenant's schema
 * and the names in schema operations all follow it.
 */
public final class SqlIdentifiers {

	/** The longest name accepted. */
	public static final int MAX_LENGTH = 63;

	private static final String PLAIN = "[A-Za-z_][A-Za-z0-9_]{0," + (MAX_LENGTH - 1) + "}";

	private static final Pattern IDENTIFIER = Pattern.compile(PLAIN);

	private static final Pattern TABLE = Pattern.compile(PLAIN + "(\\." + PLAIN + ")?");

	private SqlIdentifiers() {
	}

	/**
	 * Whether a name is a plain identifier.
	 * @param name the name
	 * @return {@code true} if it is one
	 */
	public static boolean isPlain(@Nullable String name) {
		return name != null && IDENTIFIER.matcher(name).matches();
	}

	/**
	 * Whether a name is a table's: a plain identifier, optionally qualified by a schema that
	 * is one too.
	 * @param name the name
	 * @return {@code true} if it is one
	 */
	public static boolean isTable(@Nullable String name) {
		return name != null && TABLE.matcher(name).matches();
	}

}
