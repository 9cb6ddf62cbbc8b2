package dev.smalls.generate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.smalls.schema.SqlExpression;

/**
 * Reads a column default written as SQL, by {@code @ColumnDefault} in the model or by the
 * database in its metadata, into a value for {@code defaultValue(..)}: a number, a boolean or a
 * string when it is a plain literal, so that smalls writes it the right way on each database,
 * and an {@link SqlExpression} written as given otherwise ({@code CURRENT_TIMESTAMP}).
 */
final class DefaultValues {

	private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");

	private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d*\\.\\d+");

	private static final Pattern STRING = Pattern.compile("'((?:[^']|'')*)'");

	/** PostgreSQL's {@code 'open'::character varying} and {@code '-1'::integer}. */
	private static final Pattern CAST = Pattern.compile("(.+)::[a-zA-Z ]+(\\(\\d+(,\\s*\\d+)?\\))?");

	private DefaultValues() {
	}

	/**
	 * The default as a value.
	 * @param sql the default as SQL, or {@code null} for none
	 * @return the value, or {@code null} for none
	 * @throws IllegalArgumentException if it is an expression smalls refuses to write as given
	 * (one with {@code ;} or a comment)
	 */
	static @Nullable Object read(@Nullable String sql) {
		if (sql == null || sql.isBlank()) {
			return null;
		}
		String text = unwrap(sql.strip());
		Matcher cast = CAST.matcher(text);
		if (cast.matches()) {
			text = unwrap(cast.group(1).strip());
		}
		Matcher string = STRING.matcher(text);
		if (string.matches()) {
			return string.group(1).replace("''", "'");
		}
		if (INTEGER.matcher(text).matches()) {
			BigInteger number = new BigInteger(text);
			if (number.bitLength() < 32) {
				return number.intValueExact();
			}
			return (number.bitLength() < 64) ? (Object) number.longValueExact() : (Object) new BigDecimal(number);
		}
		if (DECIMAL.matcher(text).matches()) {
			return new BigDecimal(text);
		}
		String lower = text.toLowerCase(Locale.ROOT);
		if (lower.equals("true") || lower.equals("false")) {
			return Boolean.valueOf(lower);
		}
		if (lower.equals("null")) {
			return null;
		}
		return SqlExpression.of(text);
	}

	/** H2 and PostgreSQL may report a default in parentheses. */
	private static String unwrap(String text) {
		String result = text;
		while (result.length() > 1 && result.startsWith("(") && result.endsWith(")")
				&& balanced(result.substring(1, result.length() - 1))) {
			result = result.substring(1, result.length() - 1).strip();
		}
		return result;
	}

	private static boolean balanced(String text) {
		int depth = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			depth += (c == '(') ? 1 : (c == ')') ? -1 : 0;
			if (depth < 0) {
				return false;
			}
		}
		return depth == 0;
	}

}
