package dev.smalls.generate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smalls.schema.ColumnType;
import dev.smalls.schema.SqlExpression;

/**
 * Values as Java source, for the generated migration. Everything that comes from the model or
 * the database (type names, defaults) is escaped, so that it can only ever be the value of a
 * string literal or the text of a line comment, never code; the classes the source needs are
 * collected for its imports.
 */
final class JavaSource {

	private static final Map<ColumnType, String> CONSTANTS = Map.of(ColumnType.INTEGER, "INTEGER", ColumnType.BIGINT,
			"BIGINT", ColumnType.SMALLINT, "SMALLINT", ColumnType.BOOLEAN, "BOOLEAN", ColumnType.TEXT, "TEXT",
			ColumnType.CLOB, "CLOB", ColumnType.DATE, "DATE", ColumnType.TIMESTAMP, "TIMESTAMP", ColumnType.UUID, "UUID");

	private static final Pattern VARCHAR = Pattern.compile("VARCHAR\\((\\d+)\\)");

	private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+), (\\d+)\\)");

	private final Set<String> imports = new TreeSet<>();

	/**
	 * A column type: a constant, a factory call, or {@code ColumnType.of("...")}.
	 * @param type the type
	 * @return the expression
	 */
	String type(ColumnType type) {
		this.imports.add(ColumnType.class.getName());
		String constant = CONSTANTS.get(type);
		if (constant != null) {
			return "ColumnType." + constant;
		}
		String text = type.toString();
		Matcher varchar = VARCHAR.matcher(text);
		if (varchar.matches() && type.equals(ColumnType.varchar(Integer.parseInt(varchar.group(1))))) {
			return "ColumnType.varchar(" + varchar.group(1) + ")";
		}
		Matcher decimal = DECIMAL.matcher(text);
		if (decimal.matches()
				&& type.equals(ColumnType.decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2))))) {
			return "ColumnType.decimal(" + decimal.group(1) + ", " + decimal.group(2) + ")";
		}
		return "ColumnType.of(" + string(text) + ")";
	}

	/**
	 * A column default, as {@link DefaultValues} reads it.
	 * @param value an {@code Integer}, {@code Long}, {@code BigDecimal}, {@code Boolean},
	 * {@code String} or {@link SqlExpression}
	 * @return the expression
	 */
	String value(Object value) {
		if (value instanceof Integer || value instanceof Boolean) {
			return value.toString();
		}
		if (value instanceof Long) {
			return value + "L";
		}
		if (value instanceof BigDecimal decimal) {
			this.imports.add(BigDecimal.class.getName());
			return "new BigDecimal(" + string(decimal.toPlainString()) + ")";
		}
		if (value instanceof SqlExpression expression) {
			this.imports.add(SqlExpression.class.getName());
			return "SqlExpression.of(" + string(expression.sql()) + ")";
		}
		if (value instanceof String text) {
			return string(text);
		}
		throw new IllegalArgumentException("No Java literal for a default of type " + value.getClass().getName());
	}

	/**
	 * Names as string literals, comma-separated.
	 * @param names plain identifiers
	 * @return e.g. {@code "title", "isbn"}
	 */
	static String strings(List<String> names) {
		return String.join(", ", names.stream().map(JavaSource::string).toList());
	}

	/**
	 * A string literal. Control characters become octal escapes rather than unicode escapes:
	 * the compiler reads a unicode escape for a line break as a line break even inside a
	 * comment, where a withheld drop is written.
	 * @param text the text
	 * @return the literal, with its quotes
	 */
	static String string(String text) {
		StringBuilder literal = new StringBuilder("\"");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> literal.append("\\\"");
				case '\\' -> literal.append("\\\\");
				case '\n' -> literal.append("\\n");
				case '\r' -> literal.append("\\r");
				case '\t' -> literal.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						// Three digits, so that a digit after it is not read as part of it.
						literal.append(String.format("\\%03o", (int) c));
					}
					else {
						literal.append(c);
					}
				}
			}
		}
		return literal.append('"').toString();
	}

	/**
	 * Text for a line comment: on one line, its backslashes doubled so that none starts a
	 * unicode escape.
	 * @param text the text
	 * @return the text, safe after {@code //}
	 */
	static String comment(String text) {
		StringBuilder safe = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean breaks = c < 0x20 || c == 0x7f;
			safe.append(breaks ? " " : (c == '\\') ? "\\\\" : String.valueOf(c));
		}
		return safe.toString();
	}

	/**
	 * The classes the expressions written so far need.
	 * @return fully qualified names, sorted
	 */
	Set<String> imports() {
		return this.imports;
	}

}
