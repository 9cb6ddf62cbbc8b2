package dev.smalls.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import dev.smalls.schema.SchemaSnapshot.Column;
import dev.smalls.schema.SchemaSnapshot.ForeignKey;
import dev.smalls.schema.SchemaSnapshot.Index;
import dev.smalls.schema.SchemaSnapshot.PrimaryKey;
import dev.smalls.schema.SchemaSnapshot.Table;

/**
 * A {@link Table} as text to store and read back, version 1:
 *
 * <pre>
 * smalls-table-v1 users
 * column id int8 19 0 notnull ~ auto
 * column name varchar 50 0 nullable 'x'::character%20varying noauto
 * primarykey users_pkey id
 * index users_name_idx nonunique name,id
 * foreignkey fk_users_team team_id teams id NO%20ACTION CASCADE
 * </pre>
 *
 * One line per part, in the table's order, fields separated by one space. A field is the text
 * with {@code %}, space, {@code ,}, {@code ~}, {@code "} and control characters written as
 * {@code %XX}, their code in upper-case hex; {@code ~} is {@code null}, {@code ""} the
 * empty text; a list joins its items with {@code ,} and is {@code ~} when empty. The first
 * token names the format, so that a later smalls can read what an earlier one stored; a
 * change to this format is a new version, and the old one stays readable.
 */
final class TableCodec {

	static final String VERSION_1 = "smalls-table-v1";

	private static final String HEX = "0123456789ABCDEF";

	private TableCodec() {
	}

	static String encode(Table table) {
		StringBuilder text = new StringBuilder();
		line(text, VERSION_1, field(table.name()));
		for (Column column : table.columns()) {
			line(text, "column", field(column.name()), field(column.typeName()), Integer.toString(column.size()),
					Integer.toString(column.scale()), column.nullable() ? "nullable" : "notnull",
					field(column.defaultValue()), column.autoIncrement() ? "auto" : "noauto");
		}
		PrimaryKey primaryKey = table.primaryKey();
		if (primaryKey != null) {
			line(text, "primarykey", field(primaryKey.name()), list(primaryKey.columns()));
		}
		for (Index index : table.indexes()) {
			line(text, "index", field(index.name()), index.unique() ? "unique" : "nonunique", list(index.columns()));
		}
		for (ForeignKey key : table.foreignKeys()) {
			line(text, "foreignkey", field(key.name()), list(key.columns()), field(key.referencedTable()),
					list(key.referencedColumns()), field(key.onUpdate()), field(key.onDelete()));
		}
		return text.toString();
	}

	static Table decode(String text) {
		String[] lines = text.split("\r?\n");
		String[] header = fields(lines[0], 2, lines[0]);
		if (!header[0].equals(VERSION_1)) {
			throw new IllegalArgumentException("'" + header[0] + "' is not a table format this smalls knows ("
					+ VERSION_1 + "): was it stored by a later smalls?");
		}
		String name = text(header[1]);
		List<Column> columns = new ArrayList<>();
		PrimaryKey primaryKey = null;
		List<Index> indexes = new ArrayList<>();
		List<ForeignKey> foreignKeys = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i];
			String kind = line.substring(0, Math.max(line.indexOf(' '), 0));
			switch (kind) {
				case "column" -> {
					String[] f = fields(line, 8, name);
					columns.add(new Column(text(f[1]), text(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
							flag(f[5], "nullable", "notnull", name), nullable(f[6]), flag(f[7], "auto", "noauto", name)));
				}
				case "primarykey" -> {
					String[] f = fields(line, 3, name);
					primaryKey = new PrimaryKey(nullable(f[1]), items(f[2]));
				}
				case "index" -> {
					String[] f = fields(line, 4, name);
					indexes.add(new Index(nullable(f[1]), flag(f[2], "unique", "nonunique", name), items(f[3])));
				}
				case "foreignkey" -> {
					String[] f = fields(line, 7, name);
					foreignKeys.add(new ForeignKey(nullable(f[1]), items(f[2]), text(f[3]), items(f[4]), text(f[5]),
							text(f[6])));
				}
				default -> throw malformed(name, line);
			}
		}
		return new Table(name, List.copyOf(columns), primaryKey, List.copyOf(indexes), List.copyOf(foreignKeys));
	}

	private static void line(StringBuilder text, String... fields) {
		text.append(String.join(" ", fields)).append('\n');
	}

	private static String[] fields(String line, int count, String table) {
		String[] fields = line.split(" ", -1);
		if (fields.length != count) {
			throw malformed(table, line);
		}
		return fields;
	}

	private static IllegalArgumentException malformed(String table, String line) {
		return new IllegalArgumentException("Stored table " + table + " has a line smalls cannot read: '" + line + "'");
	}

	private static boolean flag(String field, String yes, String no, String table) {
		if (field.equals(yes) || field.equals(no)) {
			return field.equals(yes);
		}
		throw new IllegalArgumentException("Stored table " + table + ": '" + field + "' is neither " + yes + " nor " + no);
	}

	private static String field(@Nullable String value) {
		if (value == null) {
			return "~";
		}
		if (value.isEmpty()) {
			return "\"\"";
		}
		StringBuilder field = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '%' || c == ' ' || c == ',' || c == '~' || c == '"' || c < 0x20 || c == 0x7F) {
				field.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
			}
			else {
				field.append(c);
			}
		}
		return field.toString();
	}

	private static String list(List<String> values) {
		if (values.isEmpty()) {
			return "~";
		}
		StringJoiner joined = new StringJoiner(",");
		values.forEach((value) -> joined.add(field(value)));
		return joined.toString();
	}

	private static @Nullable String nullable(String field) {
		return field.equals("~") ? null : text(field);
	}

	private static String text(String field) {
		if (field.equals("\"\"")) {
			return "";
		}
		if (field.equals("~")) {
			throw new IllegalArgumentException("A stored name or type is missing ('~')");
		}
		StringBuilder text = new StringBuilder(field.length());
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c == '%') {
				if (i + 2 >= field.length()) {
					throw new IllegalArgumentException("'" + field + "' ends in an incomplete escape");
				}
				text.append((char) Integer.parseInt(field, i + 1, i + 3, 16));
				i += 2;
			}
			else {
				text.append(c);
			}
		}
		return text.toString();
	}

	private static List<String> items(String field) {
		if (field.equals("~")) {
			return List.of();
		}
		List<String> items = new ArrayList<>();
		for (String item : field.split(",", -1)) {
			items.add(text(item));
		}
		return List.copyOf(items);
	}

}
