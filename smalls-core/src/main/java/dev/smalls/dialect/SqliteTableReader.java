package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads a SQLite table from SQLite's own catalog, for a {@link SqliteTableRebuild}: columns
 * with their declared types, defaults and nullability, the primary key, unique constraints,
 * foreign keys (with their names, which the driver's metadata pairs with the wrong keys) and
 * indexes. What that reading cannot carry over (a {@code CHECK}, {@code COLLATE},
 * {@code AUTOINCREMENT}, a generated column, triggers, views over the table, or other tables'
 * foreign keys while {@code PRAGMA foreign_keys} is on, whose actions the drop would fire) is
 * refused before anything runs, rather than lost.
 */
final class SqliteTableReader {

	private static final Pattern UNSUPPORTED = Pattern.compile(
			"\\b(CHECK|COLLATE|AUTOINCREMENT|GENERATED|DEFERRABLE|CONFLICT|STRICT|WITHOUT\\s+ROWID)\\b|\\bAS\\s*\\(",
			Pattern.CASE_INSENSITIVE);

	private static final String NAME = "\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|\\w+";

	private static final Pattern FOREIGN_KEY = Pattern.compile(
			"(?:CONSTRAINT\\s+(" + NAME + ")\\s+)?FOREIGN\\s+KEY\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);

	private SqliteTableReader() {
	}

	/**
	 * Read a table, ready to be changed and rebuilt.
	 * @param connection the migration's connection
	 * @param table the table, unqualified
	 * @return the table as it is
	 * @throws SQLException if it cannot be read, or holds what a rebuild would lose
	 */
	static SqliteTableRebuild read(Connection connection, String table) throws SQLException {
		if (table.indexOf('.') >= 0) {
			throw refusal(table, "it is schema-qualified; smalls rebuilds tables of the main database only");
		}
		String sql = single(connection, "SELECT sql FROM sqlite_master WHERE type = 'table' AND lower(name) = lower(?)",
				table);
		if (sql == null) {
			throw new SQLException("no such table: " + table);
		}
		Matcher unsupported = UNSUPPORTED.matcher(sql);
		if (unsupported.find()) {
			String what = (unsupported.group(1) != null) ? unsupported.group(1) : "a generated column (AS ..)";
			throw refusal(table, "its definition uses " + what.toUpperCase(Locale.ROOT)
					+ ", which a rebuild would not carry over");
		}
		refuseDependents(connection, table);
		List<SqliteTableRebuild.Column> columns = new ArrayList<>();
		Map<Integer, String> key = new TreeMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA table_info(" + SqliteTableRebuild.quoted(table) + ")")) {
			while (result.next()) {
				String name = result.getString("name");
				columns.add(new SqliteTableRebuild.Column(name, result.getString("type"), result.getInt("notnull") == 1,
						result.getString("dflt_value")));
				if (result.getInt("pk") > 0) {
					key.put(result.getInt("pk"), name);
				}
			}
		}
		List<List<String>> uniques = new ArrayList<>();
		List<SqliteTableRebuild.Index> indexes = new ArrayList<>();
		Map<String, String> indexSql = indexSql(connection, table);
		for (String[] index : indexList(connection, table)) {
			List<@Nullable String> indexed = indexColumns(connection, index[0]);
			if ("u".equals(index[1])) {
				uniques.add(new ArrayList<>(indexed.stream().map(String::valueOf).toList()));
			}
			else if ("c".equals(index[1])) {
				indexes.add(new SqliteTableRebuild.Index(index[0], indexed, indexSql.get(index[0])));
			}
		}
		return new SqliteTableRebuild(table, columns, new ArrayList<>(key.values()), uniques,
				foreignKeys(connection, table, sql), indexes);
	}

	private static void refuseDependents(Connection connection, String table) throws SQLException {
		String trigger = single(connection,
				"SELECT name FROM sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower(?)", table);
		if (trigger != null) {
			throw refusal(table, "trigger " + trigger + " is defined on it");
		}
		Pattern word = Pattern.compile("\\b" + Pattern.quote(table) + "\\b", Pattern.CASE_INSENSITIVE);
		try (Statement statement = connection.createStatement();
				ResultSet views = statement.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'view'")) {
			while (views.next()) {
				if (word.matcher(views.getString(2)).find()) {
					throw refusal(table, "view " + views.getString(1) + " may read it");
				}
			}
		}
		if (!"1".equals(single(connection, "PRAGMA foreign_keys", null))) {
			return;
		}
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
			while (result.next()) {
				tables.add(result.getString(1));
			}
		}
		for (String other : tables) {
			try (Statement statement = connection.createStatement();
					ResultSet keys = statement.executeQuery("PRAGMA foreign_key_list(" + SqliteTableRebuild.quoted(other) + ")")) {
				while (keys.next()) {
					if (keys.getString("table").equalsIgnoreCase(table) && !other.equalsIgnoreCase(table)) {
						throw refusal(table, "table " + other + " references it while PRAGMA foreign_keys is on, and "
								+ "dropping the old table would fire that key's actions");
					}
				}
			}
		}
	}

	static SQLException refusal(String table, String reason) {
		return new SQLException("SQLite cannot make this change with ALTER TABLE, and smalls will not rebuild table "
				+ table + ": " + reason + ". Write the change with sql(..) or run(..) instead");
	}

	/** The names of a table's foreign keys by their referencing columns (lower case), from its SQL. */
	static Map<List<String>, String> foreignKeyNames(String sql) {
		Map<List<String>, String> names = new LinkedHashMap<>();
		Matcher matcher = FOREIGN_KEY.matcher(sql);
		while (matcher.find()) {
			if (matcher.group(1) != null) {
				List<String> columns = new ArrayList<>();
				for (String column : matcher.group(2).split(",")) {
					columns.add(unquote(column.strip()).toLowerCase(Locale.ROOT));
				}
				names.put(columns, unquote(matcher.group(1)));
			}
		}
		return names;
	}

	private static List<SqliteTableRebuild.ForeignKey> foreignKeys(Connection connection, String table, String sql) throws SQLException {
		Map<Integer, SqliteTableRebuild.ForeignKey> keys = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA foreign_key_list(" + SqliteTableRebuild.quoted(table) + ")")) {
			while (result.next()) {
				int id = result.getInt("id");
				SqliteTableRebuild.ForeignKey key = keys.get(id);
				if (key == null) {
					key = new SqliteTableRebuild.ForeignKey(null, new ArrayList<>(), result.getString("table"), new ArrayList<>(),
							result.getString("on_update"), result.getString("on_delete"));
					keys.put(id, key);
				}
				key.columns().add(result.getString("from"));
				key.referenced().add(result.getString("to"));
			}
		}
		Map<List<String>, String> names = foreignKeyNames(sql);
		// PRAGMA foreign_key_list numbers the keys from the last declared: reverse for the declared order.
		List<SqliteTableRebuild.ForeignKey> declared = new ArrayList<>(keys.values());
		Collections.reverse(declared);
		List<SqliteTableRebuild.ForeignKey> named = new ArrayList<>();
		for (SqliteTableRebuild.ForeignKey key : declared) {
			String name = names.get(key.columns().stream().map((c) -> c.toLowerCase(Locale.ROOT)).toList());
			named.add(new SqliteTableRebuild.ForeignKey(name, key.columns(), key.table(), key.referenced(), key.onUpdate(),
					key.onDelete()));
		}
		return named;
	}

	private static List<String[]> indexList(Connection connection, String table) throws SQLException {
		List<String[]> indexes = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA index_list(" + SqliteTableRebuild.quoted(table) + ")")) {
			while (result.next()) {
				indexes.add(new String[] { result.getString("name"), result.getString("origin") });
			}
		}
		return indexes;
	}

	private static List<@Nullable String> indexColumns(Connection connection, String index) throws SQLException {
		List<@Nullable String> columns = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA index_info(" + SqliteTableRebuild.quoted(index) + ")")) {
			while (result.next()) {
				columns.add(result.getString("name"));
			}
		}
		return columns;
	}

	private static Map<String, String> indexSql(Connection connection, String table) throws SQLException {
		Map<String, String> sql = new LinkedHashMap<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT name, sql FROM sqlite_master "
				+ "WHERE type = 'index' AND lower(tbl_name) = lower(?) AND sql IS NOT NULL")) {
			query.setString(1, table);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					sql.put(result.getString(1), result.getString(2));
				}
			}
		}
		return sql;
	}

	private static @Nullable String single(Connection connection, String sql, @Nullable String parameter)
			throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			if (parameter != null) {
				query.setString(1, parameter);
			}
			try (ResultSet result = query.executeQuery()) {
				return result.next() ? result.getString(1) : null;
			}
		}
	}

	private static String unquote(String name) {
		if (name.length() > 1 && "\"`[".indexOf(name.charAt(0)) >= 0) {
			return name.substring(1, name.length() - 1);
		}
		return name;
	}

}
