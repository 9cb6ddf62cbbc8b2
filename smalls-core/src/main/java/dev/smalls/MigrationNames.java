package dev.smalls;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * How migrations are named and shown: {@code 0001_create_users}. Public because every
 * surface that shows migrations (the shell, the endpoint, your own logs) shows them alike.
 */
public final class MigrationNames {

	private static final int MAX_LENGTH = 100;

	private MigrationNames() {
	}

	/**
	 * The default name of a migration class: {@code M0002AddResetCount} becomes
	 * {@code add_reset_count}. A leading {@code M0002}, {@code V0002__} or
	 * {@code Migration0002_} is the sequence's, not the name's, and is dropped.
	 * @param type the migration class (a CGLIB subclass is looked through)
	 * @return the snake-case name, possibly empty for an anonymous class
	 */
	public static String fromClass(Class<?> type) {
		// A loop rather than regular expressions: it runs for every migration bean at every start.
		String simpleName = ClassUtils.getUserClass(type).getSimpleName();
		return toSnakeCase(simpleName.substring(sequencePrefixLength(simpleName)));
	}

	private static int sequencePrefixLength(String name) {
		int start = name.startsWith("Migration") ? "Migration".length()
				: (name.length() > 1 && Character.isLetter(name.charAt(0)) && isDigit(name.charAt(1))) ? 1 : 0;
		int end = start;
		while (end < name.length() && isDigit(name.charAt(end))) {
			end++;
		}
		if (end == start) {
			return 0;
		}
		while (end < name.length() && name.charAt(end) == '_') {
			end++;
		}
		return end;
	}

	/**
	 * Turn a camel-case identifier or words into a snake-case name: {@code AddHTTPHeader}
	 * becomes {@code add_http_header}, {@code "add email!"} becomes {@code add_email}. Only
	 * ASCII letters and digits are kept.
	 * @param text the text
	 * @return lower case letters, digits and single underscores, possibly empty
	 */
	public static String toSnakeCase(String text) {
		StringBuilder snake = new StringBuilder(text.length() + 8);
		boolean gap = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean upper = c >= 'A' && c <= 'Z';
			if (!(upper || (c >= 'a' && c <= 'z') || isDigit(c))) {
				gap = true;
				continue;
			}
			if (snake.length() > 0 && (gap || (upper && startsWord(text, i)))) {
				snake.append('_');
			}
			gap = false;
			snake.append(upper ? (char) (c + ('a' - 'A')) : c);
		}
		return snake.toString();
	}

	/** An upper case letter after a lower case one or a digit, or the last capital of an acronym before a word. */
	private static boolean startsWord(String text, int i) {
		char previous = text.charAt(i - 1);
		if ((previous >= 'a' && previous <= 'z') || isDigit(previous)) {
			return true;
		}
		boolean previousUpper = previous >= 'A' && previous <= 'Z';
		return previousUpper && i + 1 < text.length() && text.charAt(i + 1) >= 'a' && text.charAt(i + 1) <= 'z';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * Whether a name is safe to store, print and use in a file name.
	 * @param name the name
	 * @return {@code true} if it is 1-100 lower case letters, digits and underscores
	 */
	public static boolean isValid(@Nullable String name) {
		if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
			return false;
		}
		// Spelled out, not isDigit(c): every migration's name is checked at every start-up, and
		// inside the catalog's loop the call was not always inlined.
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

	/**
	 * The candidate closest to a misspelled name (fewest edits), for an error message that
	 * asks "did you mean ..?": of a migration, an instance, a lint rule.
	 * @param name the name as given
	 * @param candidates the names there are
	 * @return the closest (the first of those as close), or {@code null} when there are none
	 */
	public static @Nullable String closest(String name, Iterable<String> candidates) {
		String closest = null;
		int best = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int distance = distance(candidate, name);
			if (distance < best) {
				best = distance;
				closest = candidate;
			}
		}
		return closest;
	}

	/** Levenshtein's distance: the fewest insertions, deletions and substitutions from one to the other. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
