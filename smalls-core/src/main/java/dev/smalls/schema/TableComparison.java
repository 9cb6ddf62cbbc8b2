package dev.smalls.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.smalls.schema.SchemaSnapshot.Column;
import dev.smalls.schema.SchemaSnapshot.ForeignKey;
import dev.smalls.schema.SchemaSnapshot.Index;
import dev.smalls.schema.SchemaSnapshot.PrimaryKey;
import dev.smalls.schema.SchemaSnapshot.Table;

/**
 * What differs between a table as it is and as it is expected to be, one sentence per
 * difference, naming the table, the column, index or key, and both values, e.g.
 * {@code column users.email: type VARCHAR(100), expected VARCHAR(50)}.
 * <p>
 * Defaults are compared as SQL, not as text: PostgreSQL's casts ({@code 'x'::character
 * varying}), parentheses around the whole expression, letter case and spacing outside string
 * literals do not make two defaults differ. Indexes and foreign keys are matched by name, and
 * those whose name the database made up by what they are.
 */
final class TableComparison {

	private static final Set<String> DEFAULT_RULES = Set.of("NO ACTION", "RESTRICT");

	/** The words after the first of a type name in a cast: {@code character varying}. */
	private static final Pattern MORE_OF_A_TYPE = Pattern.compile("(?i) (varying|precision|with|without|time|zone)\\b");

	private static final Pattern TYPE_MODIFIERS = Pattern.compile("\\([0-9, ]*\\)");

	private final Table actual;

	private final Table expected;

	private final List<String> differences;

	private TableComparison(Table actual, Table expected, List<String> differences) {
		this.actual = actual;
		this.expected = expected;
		this.differences = differences;
	}

	/**
	 * Add the differences between two tables of the same name.
	 * @param actual the table as it is
	 * @param expected the table as it should be
	 * @param differences where to add them
	 */
	static void compare(Table actual, Table expected, List<String> differences) {
		TableComparison comparison = new TableComparison(actual, expected, differences);
		comparison.columns();
		comparison.primaryKey();
		comparison.indexes();
		comparison.foreignKeys();
	}

	private void columns() {
		String table = this.actual.name();
		for (Column column : this.expected.columns()) {
			if (this.actual.column(column.name()) == null) {
				this.differences.add("column " + table + "." + column.name() + " is missing (expected "
						+ definition(column) + ")");
			}
		}
		for (Column column : this.actual.columns()) {
			Column expected = this.expected.column(column.name());
			String at = "column " + table + "." + column.name();
			if (expected == null) {
				this.differences.add(at + " is new (" + definition(column) + ")");
				continue;
			}
			if (!column.typeName().equals(expected.typeName()) || column.size() != expected.size()
					|| column.scale() != expected.scale()) {
				boolean sameText = type(column, false).equals(type(expected, false));
				this.differences.add(at + ": type " + type(column, sameText) + ", expected " + type(expected, sameText));
			}
			if (column.nullable() != expected.nullable()) {
				this.differences.add(at + ": " + nullability(column) + ", expected " + nullability(expected));
			}
			String ours = sqlDefault(column.defaultValue());
			String theirs = sqlDefault(expected.defaultValue());
			if (!Objects.equals(ours, theirs)) {
				this.differences.add(at + ": " + ((ours != null) ? "default " + ours : "no default") + ", expected "
						+ ((theirs != null) ? theirs : "no default"));
			}
			if (column.autoIncrement() != expected.autoIncrement()) {
				this.differences.add(at + ": " + numbering(column) + ", expected " + numbering(expected));
			}
		}
	}

	private void primaryKey() {
		PrimaryKey ours = this.actual.primaryKey();
		PrimaryKey theirs = this.expected.primaryKey();
		String at = "primary key of " + this.actual.name();
		if (ours == null && theirs != null) {
			this.differences.add(at + " is missing (expected " + describe(theirs, true) + ")");
		}
		else if (ours != null && theirs == null) {
			this.differences.add(at + " is new (" + describe(ours, true) + ")");
		}
		else if (ours != null && theirs != null && !ours.equals(theirs)) {
			boolean names = !Objects.equals(ours.name(), theirs.name());
			this.differences.add(at + ": " + describe(ours, names) + ", expected " + describe(theirs, names));
		}
	}

	private void indexes() {
		List<Index> ours = new ArrayList<>(this.actual.indexes());
		List<Index> theirs = new ArrayList<>(this.expected.indexes());
		String on = " on " + this.actual.name();
		for (Index index : List.copyOf(ours)) {
			Index same = matching(index, theirs, index.name());
			if (same != null) {
				ours.remove(index);
				theirs.remove(same);
				if (!same.equals(index)) {
					this.differences.add("index " + index.name() + on + ": " + describe(index) + ", expected "
							+ describe(same));
				}
			}
		}
		List<ForeignKey> keysMissing = unmatched(this.expected.foreignKeys(), this.actual.foreignKeys());
		List<ForeignKey> keysNew = unmatched(this.actual.foreignKeys(), this.expected.foreignKeys());
		theirs.stream().filter((index) -> !backsOneOf(index, keysMissing))
			.forEach((index) -> this.differences.add(kind(index) + on + " " + columns(index.columns()) + " is missing"));
		ours.stream().filter((index) -> !backsOneOf(index, keysNew))
			.forEach((index) -> this.differences.add(kind(index) + on + " " + columns(index.columns()) + " is new"));
	}

	private void foreignKeys() {
		String on = " on " + this.actual.name();
		for (ForeignKey key : this.actual.foreignKeys()) {
			ForeignKey same = matching(key, this.expected.foreignKeys(), key.name());
			if (same != null && !same.equals(key)) {
				boolean rules = !key.onUpdate().equals(same.onUpdate()) || !key.onDelete().equals(same.onDelete());
				this.differences.add("foreign key " + key.name() + on + ": " + describe(key, rules) + ", expected "
						+ describe(same, rules));
			}
		}
		unmatched(this.expected.foreignKeys(), this.actual.foreignKeys())
			.forEach((key) -> this.differences.add(kind(key) + on + " " + describe(key, false) + " is missing"));
		unmatched(this.actual.foreignKeys(), this.expected.foreignKeys())
			.forEach((key) -> this.differences.add(kind(key) + on + " " + describe(key, false) + " is new"));
	}

	/** The keys of one side that the other has not, by name, or by what they are if unnamed. */
	private static List<ForeignKey> unmatched(List<ForeignKey> keys, List<ForeignKey> others) {
		List<ForeignKey> left = new ArrayList<>(others);
		List<ForeignKey> unmatched = new ArrayList<>();
		for (ForeignKey key : keys) {
			ForeignKey same = matching(key, left, key.name());
			if (same != null) {
				left.remove(same);
			}
			else {
				unmatched.add(key);
			}
		}
		return unmatched;
	}

	/**
	 * Whether an index is the one the database made for a foreign key (H2, HSQLDB), which
	 * comes and goes with the key: it is said with the key, not twice.
	 */
	private static boolean backsOneOf(Index index, List<ForeignKey> keys) {
		return keys.stream().anyMatch((key) -> !index.unique() && index.columns().equals(key.columns())
				&& (index.name() == null || index.name().equals(key.name())));
	}

	/** The same object among the expected ones: by name, or the same one if neither is named. */
	private static <T> @Nullable T matching(T item, List<T> candidates, @Nullable String name) {
		for (T candidate : candidates) {
			String theirs = (candidate instanceof Index index) ? index.name() : ((ForeignKey) candidate).name();
			if ((name != null) ? name.equals(theirs) : (theirs == null && candidate.equals(item))) {
				return candidate;
			}
		}
		return null;
	}

	private static String kind(Index index) {
		return (index.unique() ? "unique index" : "index") + ((index.name() != null) ? " " + index.name() : "");
	}

	private static String kind(ForeignKey key) {
		return "foreign key" + ((key.name() != null) ? " " + key.name() : "");
	}

	private static String describe(Index index) {
		return (index.unique() ? "unique " : "not unique ") + columns(index.columns());
	}

	private static String describe(PrimaryKey key, boolean withName) {
		return ((withName && key.name() != null) ? key.name() + " " : "") + columns(key.columns());
	}

	private static String describe(ForeignKey key, boolean withRules) {
		String rules = "";
		if (withRules || !DEFAULT_RULES.contains(key.onUpdate())) {
			rules += " ON UPDATE " + key.onUpdate();
		}
		if (withRules || !DEFAULT_RULES.contains(key.onDelete())) {
			rules += " ON DELETE " + key.onDelete();
		}
		return columns(key.columns()) + " REFERENCES " + key.referencedTable() + " " + columns(key.referencedColumns())
				+ rules;
	}

	private static String columns(List<String> columns) {
		return "(" + String.join(", ", columns) + ")";
	}

	/** A column as SQL: {@code VARCHAR(20) NOT NULL DEFAULT 'x'}. */
	static String definition(Column column) {
		String defaultValue = sqlDefault(column.defaultValue());
		return type(column, false) + (column.nullable() ? "" : " NOT NULL")
				+ ((defaultValue != null) ? " DEFAULT " + defaultValue : "")
				+ (column.autoIncrement() ? " AUTO_INCREMENT" : "");
	}

	/**
	 * A column's type as SQL: its length, precision and scale shown where they are part of the
	 * type ({@code VARCHAR(50)}, {@code DECIMAL(10, 2)}), or always.
	 */
	static String type(Column column, boolean withSize) {
		String name = column.typeName().toUpperCase(Locale.ROOT);
		if (withSize || name.contains("CHAR") || name.contains("BINARY") || name.contains("DECIMAL")
				|| name.contains("NUMERIC")) {
			return name + "(" + column.size() + ((column.scale() != 0) ? ", " + column.scale() : "") + ")";
		}
		return name;
	}

	private static String nullability(Column column) {
		return column.nullable() ? "nullable" : "NOT NULL";
	}

	private static String numbering(Column column) {
		return column.autoIncrement() ? "numbered by the database" : "not numbered by the database";
	}

	/**
	 * A default as comparable SQL: without PostgreSQL's casts and parentheses around the whole,
	 * in lower case with single spaces outside string literals.
	 * @param reported the default as the metadata reports it
	 * @return the default, or {@code null} for none
	 */
	static @Nullable String sqlDefault(@Nullable String reported) {
		if (reported == null) {
			return null;
		}
		StringBuilder sql = new StringBuilder(reported.length());
		boolean quoted = false;
		for (int i = 0; i < reported.length(); i++) {
			char c = reported.charAt(i);
			if (c == '\'') {
				quoted = !quoted;
				sql.append(c);
			}
			else if (quoted) {
				sql.append(c);
			}
			else if (c == ':' && i + 1 < reported.length() && reported.charAt(i + 1) == ':') {
				i = endOfCast(reported, i + 2) - 1;
			}
			else if (Character.isWhitespace(c)) {
				if (sql.length() > 0 && sql.charAt(sql.length() - 1) != ' ') {
					sql.append(' ');
				}
			}
			else {
				sql.append(Character.toLowerCase(c));
			}
		}
		String normalized = sql.toString().strip();
		while (normalized.length() > 1 && normalized.charAt(0) == '(' && closes(normalized)) {
			normalized = normalized.substring(1, normalized.length() - 1).strip();
		}
		return normalized.isEmpty() ? null : normalized;
	}

	/** Where the type name of a {@code ::} cast ends: {@code character varying(20)[]}. */
	private static int endOfCast(String sql, int from) {
		int i = from;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (Character.isLetterOrDigit(c) || c == '_' || c == '"' || c == '.' || c == '[' || c == ']') {
				i++;
			}
			else if (c == ' ' && MORE_OF_A_TYPE.matcher(sql).region(i, sql.length()).lookingAt()) {
				i++;
			}
			else if (c == '(' && i > from) {
				Matcher modifiers = TYPE_MODIFIERS.matcher(sql).region(i, sql.length());
				if (!modifiers.lookingAt()) {
					return i;
				}
				i = modifiers.end();
			}
			else {
				return i;
			}
		}
		return i;
	}

	/** Whether the opening parenthesis at the start closes at the very end. */
	private static boolean closes(String sql) {
		int depth = 0;
		boolean quoted = false;
		for (int i = 0; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (c == '\'') {
				quoted = !quoted;
			}
			else if (!quoted && c == '(') {
				depth++;
			}
			else if (!quoted && c == ')' && --depth == 0) {
				return i == sql.length() - 1;
			}
		}
		return false;
	}

}
