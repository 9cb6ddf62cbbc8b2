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
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A change SQLite's {@code ALTER TABLE} cannot make, made the way SQLite's documentation
 * recommends (<a href="https://www.sqlite.org/lang_altertable.html#otheralter">"Making Other
 * Kinds Of Table Schema Changes"</a>): create the table as it should be under a new name,
 * copy the rows, drop the old table, rename the new one, and create its indexes again. It runs
 * inside the migration's transaction, so a failure leaves nothing of it.
 * <p>
 * The table is read from SQLite's own catalog (columns with their declared types, defaults and
 * nullability, primary key, unique constraints, foreign keys and indexes). What that reading
 * cannot carry over (a {@code CHECK}, {@code COLLATE}, {@code AUTOINCREMENT}, a generated
 * column, triggers, views over the table, or other tables' foreign keys while
 * {@code PRAGMA foreign_keys} is on, whose actions the drop would fire) is refused before
 * anything runs, rather than lost.
 */
final class SqliteTableRebuild {

	private static final Pattern UNSUPPORTED = Pattern.compile(
			"\\b(CHECK|COLLATE|AUTOINCREMENT|GENERATED|DEFERRABLE|CONFLICT|STRICT|WITHOUT\\s+ROWID)\\b|\\bAS\\s*\\(",
			Pattern.CASE_INSENSITIVE);

	private static final String NAME = "\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|\\w+";

	private static final Pattern FOREIGN_KEY = Pattern.compile(
			"(?:CONSTRAINT\\s+(" + NAME + ")\\s+)?FOREIGN\\s+KEY\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);

	private final String table;

	private final List<Column> columns;

	private final List<String> primaryKey;

	private final List<List<String>> uniques;

	private final List<ForeignKey> foreignKeys;

	private final List<Index> indexes;

	private final List<String> copied;

	private SqliteTableRebuild(String table, List<Column> columns, List<String> primaryKey, List<List<String>> uniques,
			List<ForeignKey> foreignKeys, List<Index> indexes) {
		this.table = table;
		this.columns = columns;
		this.primaryKey = primaryKey;
		this.uniques = uniques;
		this.foreignKeys = foreignKeys;
		this.indexes = indexes;
		this.copied = new ArrayList<>(columns.stream().map(Column::name).toList());
	}

	/**
	 * What the statements of a rebuild are, for a preview without a database.
	 * @param table the table
	 * @param change what changes, e.g. {@code "price" becomes DECIMAL(10, 2)}
	 * @return SQL comments
	 */
	static List<String> preview(String table, String change) {
		return List.of("-- SQLite cannot ALTER this: smalls rebuilds " + table + " as SQLite's documentation "
				+ "recommends, with " + change + ":", "--   CREATE TABLE smalls_rebuild_" + table + " (<" + table
				+ " as it is when this runs, changed>)", "--   INSERT INTO smalls_rebuild_" + table + " (..) SELECT .. FROM "
				+ table, "--   DROP TABLE " + table, "--   ALTER TABLE smalls_rebuild_" + table + " RENAME TO " + table,
				"--   CREATE INDEX .. (the indexes of " + table + ", created again)");
	}

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
		List<Column> columns = new ArrayList<>();
		Map<Integer, String> key = new TreeMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA table_info(" + quoted(table) + ")")) {
			while (result.next()) {
				String name = result.getString("name");
				columns.add(new Column(name, result.getString("type"), result.getInt("notnull") == 1,
						result.getString("dflt_value")));
				if (result.getInt("pk") > 0) {
					key.put(result.getInt("pk"), name);
				}
			}
		}
		List<List<String>> uniques = new ArrayList<>();
		List<Index> indexes = new ArrayList<>();
		Map<String, String> indexSql = indexSql(connection, table);
		for (String[] index : indexList(connection, table)) {
			List<@Nullable String> indexed = indexColumns(connection, index[0]);
			if ("u".equals(index[1])) {
				uniques.add(new ArrayList<>(indexed.stream().map(String::valueOf).toList()));
			}
			else if ("c".equals(index[1])) {
				indexes.add(new Index(index[0], indexed, indexSql.get(index[0])));
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
					ResultSet keys = statement.executeQuery("PRAGMA foreign_key_list(" + quoted(other) + ")")) {
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

	private static List<ForeignKey> foreignKeys(Connection connection, String table, String sql) throws SQLException {
		Map<Integer, ForeignKey> keys = new LinkedHashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA foreign_key_list(" + quoted(table) + ")")) {
			while (result.next()) {
				int id = result.getInt("id");
				ForeignKey key = keys.get(id);
				if (key == null) {
					key = new ForeignKey(null, new ArrayList<>(), result.getString("table"), new ArrayList<>(),
							result.getString("on_update"), result.getString("on_delete"));
					keys.put(id, key);
				}
				key.columns().add(result.getString("from"));
				key.referenced().add(result.getString("to"));
			}
		}
		Map<List<String>, String> names = foreignKeyNames(sql);
		// PRAGMA foreign_key_list numbers the keys from the last declared: reverse for the declared order.
		List<ForeignKey> declared = new ArrayList<>(keys.values());
		Collections.reverse(declared);
		List<ForeignKey> named = new ArrayList<>();
		for (ForeignKey key : declared) {
			String name = names.get(key.columns().stream().map((c) -> c.toLowerCase(Locale.ROOT)).toList());
			named.add(new ForeignKey(name, key.columns(), key.table(), key.referenced(), key.onUpdate(),
					key.onDelete()));
		}
		return named;
	}

	private static List<String[]> indexList(Connection connection, String table) throws SQLException {
		List<String[]> indexes = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA index_list(" + quoted(table) + ")")) {
			while (result.next()) {
				indexes.add(new String[] { result.getString("name"), result.getString("origin") });
			}
		}
		return indexes;
	}

	private static List<@Nullable String> indexColumns(Connection connection, String index) throws SQLException {
		List<@Nullable String> columns = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA index_info(" + quoted(index) + ")")) {
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

	/** Add a column; it is not copied, so existing rows get its default. */
	void addColumn(String name, String type, boolean notNull, @Nullable String defaultSql, boolean primaryKey,
			boolean unique) throws SQLException {
		if (primaryKey && !this.primaryKey.isEmpty()) {
			throw refusal(this.table, "it already has a primary key");
		}
		this.columns.add(new Column(name, type, notNull || primaryKey, defaultSql));
		if (primaryKey) {
			this.primaryKey.add(name);
		}
		if (unique) {
			this.uniques.add(List.of(name));
		}
	}

	/** Drop a column with every index, unique constraint and foreign key on it, as PostgreSQL does. */
	void dropColumn(String name) throws SQLException {
		if (this.primaryKey.stream().anyMatch(name::equalsIgnoreCase)) {
			throw refusal(this.table, "column " + name + " is part of its primary key");
		}
		int before = this.columns.size();
		this.columns.removeIf((column) -> column.name().equalsIgnoreCase(name));
		if (this.columns.size() == before) {
			throw new SQLException("no such column: " + name);
		}
		this.copied.removeIf(name::equalsIgnoreCase);
		Predicate<List<? extends @Nullable String>> covers = (list) -> list.stream()
			.anyMatch((column) -> column == null || column.equalsIgnoreCase(name));
		this.uniques.removeIf(covers);
		this.foreignKeys.removeIf((key) -> covers.test(key.columns()));
		this.indexes.removeIf((index) -> covers.test(index.columns()));
	}

	void changeColumn(String name, UnaryOperator<Column> change) throws SQLException {
		for (int i = 0; i < this.columns.size(); i++) {
			if (this.columns.get(i).name().equalsIgnoreCase(name)) {
				this.columns.set(i, change.apply(this.columns.get(i)));
				return;
			}
		}
		throw new SQLException("no such column: " + name);
	}

	void addForeignKey(DdlForeignKey key) {
		this.foreignKeys.add(new ForeignKey(key.name(), List.of(key.column()), key.referencedTable(),
				List.of(key.referencedColumn()), "NO ACTION", "NO ACTION"));
	}

	void dropForeignKey(DdlForeignKey key) throws SQLException {
		boolean named = this.foreignKeys.removeIf((existing) -> key.name().equalsIgnoreCase(existing.name()));
		if (!named && !this.foreignKeys.removeIf((existing) -> existing.columns().size() == 1
				&& existing.columns().get(0).equalsIgnoreCase(key.column())
				&& existing.table().equalsIgnoreCase(key.referencedTable()))) {
			throw new SQLException("no such foreign key: " + key.name() + " on " + this.table);
		}
	}

	List<String> statements() {
		String rebuilt = "smalls_rebuild_" + this.table;
		StringJoiner body = new StringJoiner(", ");
		for (Column column : this.columns) {
			body.add(quoted(column.name()) + (column.type().isEmpty() ? "" : " " + column.type())
					+ ((column.defaultSql() != null) ? " DEFAULT " + column.defaultSql() : "")
					+ (column.notNull() ? " NOT NULL" : ""));
		}
		if (!this.primaryKey.isEmpty()) {
			body.add("PRIMARY KEY (" + quoted(this.primaryKey) + ")");
		}
		this.uniques.forEach((unique) -> body.add("UNIQUE (" + quoted(unique) + ")"));
		for (ForeignKey key : this.foreignKeys) {
			body.add(((key.name() != null) ? "CONSTRAINT " + quoted(key.name()) + " " : "") + "FOREIGN KEY ("
					+ quoted(key.columns()) + ") REFERENCES " + quoted(key.table()) + " (" + quoted(key.referenced())
					+ ")" + action("UPDATE", key.onUpdate()) + action("DELETE", key.onDelete()));
		}
		List<String> statements = new ArrayList<>();
		statements.add("CREATE TABLE " + quoted(rebuilt) + " (" + body + ")");
		statements.add("INSERT INTO " + quoted(rebuilt) + " (" + quoted(this.copied) + ") SELECT "
				+ quoted(this.copied) + " FROM " + quoted(this.table));
		statements.add("DROP TABLE " + quoted(this.table));
		statements.add("ALTER TABLE " + quoted(rebuilt) + " RENAME TO " + quoted(this.table));
		this.indexes.forEach((index) -> statements.add(index.sql()));
		return statements;
	}

	private static String action(String event, String action) {
		return "NO ACTION".equalsIgnoreCase(action) ? "" : " ON " + event + " " + action;
	}

	private static String quoted(List<String> names) {
		StringJoiner joined = new StringJoiner(", ");
		names.forEach((name) -> joined.add(quoted(name)));
		return joined.toString();
	}

	/** Names read back from SQLite may be anything: always quote them. */
	static String quoted(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	private static String unquote(String name) {
		if (name.length() > 1 && "\"`[".indexOf(name.charAt(0)) >= 0) {
			return name.substring(1, name.length() - 1);
		}
		return name;
	}

	record Column(String name, String type, boolean notNull, @Nullable String defaultSql) {

		Column withType(String type) {
			return new Column(this.name, type, this.notNull, this.defaultSql);
		}

		Column withNotNull(boolean notNull) {
			return new Column(this.name, this.type, notNull, this.defaultSql);
		}

		Column withDefault(@Nullable String defaultSql) {
			return new Column(this.name, this.type, this.notNull, defaultSql);
		}

	}

	private record ForeignKey(@Nullable String name, List<String> columns, String table, List<String> referenced,
			String onUpdate, String onDelete) {

	}

	private record Index(String name, List<@Nullable String> columns, String sql) {

	}

}
