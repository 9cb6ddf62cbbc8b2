package dev.smalls.schema;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SchemaDdl;

/**
 * {@code setDefault}; its inverse sets the previous default again ({@code null}: none).
 */
record DefaultChange(String table, String column, @Nullable Object from, @Nullable Object to) implements DdlOperation {

	/** PostgreSQL reports {@code 'x'::character varying}. */
	private static final Pattern CAST = Pattern.compile("::[a-z ]+(\\(\\d+(,\\s*\\d+)?\\))?(\\[\\])?$");

	@Override
	public String description() {
		return "setDefault " + this.table + "." + this.column + " from " + ColumnDefinition.describeDefault(this.from)
				+ " to " + ColumnDefinition.describeDefault(this.to);
	}

	@Override
	public List<String> statements(SchemaDdl ddl, @Nullable Connection live, boolean apply) throws SQLException {
		return ddl.setDefault(this.table, this.column, ColumnDefinition.defaultSql(apply ? this.to : this.from, ddl),
				live);
	}

	@Override
	public Effect effectIn(SchemaSnapshot snapshot, SchemaDdl ddl) {
		SchemaSnapshot.Table table = Operation.table(snapshot, this.table);
		SchemaSnapshot.Column column = (table != null) ? table.column(this.column) : null;
		if (column == null) {
			return Effect.CANNOT_TELL;
		}
		return Operation.decide(matches(column.defaultValue(), this.to, ddl),
				matches(column.defaultValue(), this.from, ddl));
	}

	/**
	 * Whether a default as the metadata reports it is the given one: {@code null} if that
	 * cannot be told (databases rewrite expressions as they store them).
	 */
	static @Nullable Boolean matches(@Nullable String reported, @Nullable Object value, SchemaDdl ddl) {
		if (value == null || reported == null) {
			return value == null && reported == null;
		}
		String actual = normalize(reported);
		String expected = normalize(String.valueOf(ColumnDefinition.defaultSql(value, ddl)));
		if (actual.equalsIgnoreCase(expected)) {
			return true;
		}
		if (value instanceof Boolean bool) {
			return actual.equals(bool ? "1" : "0") || actual.equalsIgnoreCase(bool.toString());
		}
		if (value instanceof Number) {
			try {
				return new BigDecimal(actual).compareTo(new BigDecimal(expected)) == 0;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		return (value instanceof SqlExpression) ? null : false;
	}

	private static String normalize(String sql) {
		String text = sql.strip();
		boolean changed = true;
		while (changed) {
			String before = text;
			text = CAST.matcher(text).replaceFirst("").strip();
			if (text.startsWith("(") && text.endsWith(")")) {
				text = text.substring(1, text.length() - 1).strip();
			}
			changed = !text.equals(before);
		}
		String upper = text.toUpperCase(Locale.ROOT);
		for (String prefix : new String[] { "DATE ", "TIMESTAMP " }) {
			if (upper.startsWith(prefix) && text.endsWith("'")) {
				return text.substring(prefix.length()).strip();
			}
		}
		return text;
	}

}
