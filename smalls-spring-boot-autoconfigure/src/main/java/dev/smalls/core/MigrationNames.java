package dev.smalls.core;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * How migrations are named and shown.
 */
public final class MigrationNames {

	/** {@code V0001__AddX}, {@code M0001AddX}, {@code Migration0001_AddX}: the number is the sequence's. */
	private static final Pattern SEQUENCE_PREFIX = Pattern.compile("^(?:[A-Za-z]|Migration)?\\d+_*");

	private MigrationNames() {
	}

	/**
	 * The default name of a migration class: {@code AddResetCount} becomes
	 * {@code add_reset_count}.
	 * @param type the migration class (a CGLIB subclass is looked through)
	 * @return the snake-case name, possibly empty for an anonymous class
	 */
	public static String fromClass(Class<?> type) {
		String simpleName = ClassUtils.getUserClass(type).getSimpleName();
		return toSnakeCase(SEQUENCE_PREFIX.matcher(simpleName).replaceFirst(""));
	}

	/**
	 * Turn free text or a camel-case identifier into a snake-case name.
	 * @param text the text
	 * @return lower case letters, digits and single underscores, possibly empty
	 */
	public static String toSnakeCase(String text) {
		String separated = text.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2");
		String snake = separated.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
		return snake.replaceAll("^_+|_+$", "");
	}

	/**
	 * Whether a name is safe to store, print and use in a file name.
	 * @param name the name
	 * @return {@code true} if it is 1-100 lower case letters, digits and underscores
	 */
	public static boolean isValid(@Nullable String name) {
		// A loop, not the VALID pattern: every migration's name is checked at every start-up.
		if (name == null || name.isEmpty() || name.length() > 100) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A migration as people see it.
	 * @param sequence the sequence
	 * @param name the name
	 * @return e.g. {@code 0001_create_users}
	 */
	public static String display(int sequence, String name) {
		return display(sequence) + "_" + name;
	}

	/**
	 * A sequence as people type it.
	 * @param sequence the sequence
	 * @return e.g. {@code 0001}
	 */
	public static String display(int sequence) {
		String digits = Integer.toString(sequence);
		return (sequence >= 0 && digits.length() < 4) ? "0".repeat(4 - digits.length()) + digits : digits;
	}

}
