package dev.smalls.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Check conditions compared by what they allow rather than by how each database rewrites
 * them: Hibernate writes {@code dtype in ('Payment','Card')}, PostgreSQL reports
 * {@code ((dtype)::text = ANY ((ARRAY['Payment'::character varying, ...])::text[]))}, H2
 * {@code "DTYPE" IN('Payment', 'Card')} and MariaDB {@code `dtype` in ('Payment','Card')}.
 * Two conditions on the same column with the same literals (strings and numbers, in any order)
 * are taken to be the same: this is what Hibernate's own checks (enum values, discriminators,
 * ordinal ranges) differ by.
 */
final class CheckConditions {

	private static final Pattern STRING = Pattern.compile("'((?:[^']|'')*)'");

	private static final Pattern NUMBER = Pattern.compile("(?<![\\w.$])-?\\d+(\\.\\d+)?(?![\\w.])");

	private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

	private CheckConditions() {
	}

	/**
	 * The literals of a condition, strings first, each in order of appearance.
	 * @param condition the condition
	 * @return the strings (without quotes) and numbers
	 */
	static List<String> literals(String condition) {
		List<String> literals = new ArrayList<>();
		Matcher string = STRING.matcher(condition);
		while (string.find()) {
			literals.add(string.group(1).replace("''", "'"));
		}
		Matcher number = NUMBER.matcher(STRING.matcher(condition).replaceAll("''"));
		while (number.find()) {
			literals.add(number.group());
		}
		return literals;
	}

	/**
	 * Whether two conditions allow the same: the same literals, in any order.
	 * @param one a condition
	 * @param other another
	 * @return {@code true} if they do
	 */
	static boolean same(String one, String other) {
		return literals(one).stream().sorted().distinct().toList()
			.equals(literals(other).stream().sorted().distinct().toList());
	}

	/**
	 * Whether a condition names a column, outside its string literals, in any case and quoting.
	 * @param condition the condition
	 * @param column the column
	 * @return {@code true} if it does
	 */
	static boolean mentions(String condition, String column) {
		Matcher word = WORD.matcher(STRING.matcher(condition).replaceAll("''"));
		while (word.find()) {
			if (word.group().toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The values an enum column allows, from its type ({@code enum ('OPEN','PAID')}, as
	 * Hibernate maps an enum on H2 and MariaDB) or its check ({@code status in ('OPEN','PAID')},
	 * on PostgreSQL).
	 * @param sqlType the column's type as Hibernate writes it
	 * @param checks the conditions of its checks
	 * @return the values, in order; empty if it is no enum
	 */
	static List<String> allowedValues(String sqlType, List<String> checks) {
		if (sqlType.strip().toLowerCase(Locale.ROOT).startsWith("enum")) {
			return strings(sqlType);
		}
		for (String check : checks) {
			if (check.toLowerCase(Locale.ROOT).matches("(?s)\\s*\\(*\\s*\\w+\\s+in\\s*\\(.*")) {
				return strings(check);
			}
		}
		return List.of();
	}

	private static List<String> strings(String sql) {
		List<String> values = new ArrayList<>();
		Matcher string = STRING.matcher(sql);
		while (string.find()) {
			values.add(string.group(1).replace("''", "'"));
		}
		return values;
	}

}
