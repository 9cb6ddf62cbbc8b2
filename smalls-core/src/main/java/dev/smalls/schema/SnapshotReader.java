package dev.smalls.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SchemaDdl;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.schema.SchemaSnapshot.Column;
import dev.smalls.schema.SchemaSnapshot.ForeignKey;
import dev.smalls.schema.SchemaSnapshot.Index;
import dev.smalls.schema.SchemaSnapshot.PrimaryKey;
import dev.smalls.schema.SchemaSnapshot.Table;

/**
 * Reads a {@link SchemaSnapshot} from JDBC metadata. The dialect's {@link SchemaDdl} says
 * which names the database made up, and corrects foreign key names where a driver reports
 * them wrongly (SQLite).
 */
final class SnapshotReader {

	private final Connection connection;

	private final DatabaseMetaData metaData;

	private final @Nullable String catalog;

	private final @Nullable String schema;

	private final SchemaDdl ddl;

	SnapshotReader(Connection connection) throws SQLException {
		this.connection = connection;
		this.metaData = connection.getMetaData();
		this.catalog = connection.getCatalog();
		this.schema = connection.getSchema();
		this.ddl = ddl(connection);
	}

	/** A database smalls refuses to migrate can still be read, with no name taken as made up. */
	private static SchemaDdl ddl(Connection connection) throws SQLException {
		try {
			return SmallsDialects.detect(connection).schemaDdl();
		}
		catch (SmallsDialects.UnsupportedDatabaseException ex) {
			return SchemaDdl.standard();
		}
	}

	SchemaSnapshot read() throws SQLException {
		List<Table> tables = new ArrayList<>();
		for (String table : tableNames()) {
			PrimaryKey primaryKey = primaryKey(table);
			tables.add(new Table(table, columns(table), primaryKey, indexes(table, primaryKey), foreignKeys(table)));
		}
		return new SchemaSnapshot(tables);
	}

	private List<String> tableNames() throws SQLException {
		List<String> names = new ArrayList<>();
		try (ResultSet tables = this.metaData.getTables(this.catalog, this.schema, "%", null)) {
			while (tables.next()) {
				String type = String.valueOf(tables.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
				String name = tables.getString("TABLE_NAME");
				// H2 2 reports "BASE TABLE"; SQLite lists its own tables as plain tables too.
				if ((type.equals("TABLE") || type.equals("BASE TABLE")) && !name.startsWith("sqlite_")) {
					names.add(name);
				}
			}
		}
		return names;
	}

	private List<Column> columns(String table) throws SQLException {
		List<Column> columns = new ArrayList<>();
		try (ResultSet result = this.metaData.getColumns(this.catalog, this.schema, escape(table), "%")) {
			while (result.next()) {
				if (!table.equals(result.getString("TABLE_NAME"))) {
					continue;
				}
				columns.add(new Column(result.getString("COLUMN_NAME"), result.getString("TYPE_NAME"),
						result.getInt("COLUMN_SIZE"), result.getInt("DECIMAL_DIGITS"),
						result.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
						normalizeDefault(result.getString("COLUMN_DEF")),
						"YES".equalsIgnoreCase(result.getString("IS_AUTOINCREMENT"))));
			}
		}
		return columns;
	}

	/** MariaDB reports "no default" on a nullable column as the text {@code NULL}. */
	private static @Nullable String normalizeDefault(@Nullable String reported) {
		if (reported == null || reported.isBlank() || reported.strip().equalsIgnoreCase("NULL")) {
			return null;
		}
		return reported.strip();
	}

	private @Nullable PrimaryKey primaryKey(String table) throws SQLException {
		Map<Integer, String> columns = new TreeMap<>();
		String name = null;
		try (ResultSet result = this.metaData.getPrimaryKeys(this.catalog, this.schema, table)) {
			while (result.next()) {
				columns.put(result.getInt("KEY_SEQ"), result.getString("COLUMN_NAME"));
				name = result.getString("PK_NAME");
			}
		}
		return columns.isEmpty() ? null : new PrimaryKey(named(name), List.copyOf(columns.values()));
	}

	private List<Index> indexes(String table, @Nullable PrimaryKey primaryKey) throws SQLException {
		Map<String, Boolean> unique = new LinkedHashMap<>();
		Map<String, Map<Integer, String>> columns = new LinkedHashMap<>();
		try (ResultSet result = this.metaData.getIndexInfo(this.catalog, this.schema, table, false, false)) {
			while (result.next()) {
				String name = result.getString("INDEX_NAME");
				if (name == null || result.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
					continue;
				}
				unique.put(name, !result.getBoolean("NON_UNIQUE"));
				columns.computeIfAbsent(name, (key) -> new TreeMap<>())
					.put(result.getInt("ORDINAL_POSITION"), String.valueOf(result.getString("COLUMN_NAME")));
			}
		}
		List<Index> indexes = new ArrayList<>();
		for (Map.Entry<String, Map<Integer, String>> index : columns.entrySet()) {
			List<String> indexed = List.copyOf(index.getValue().values());
			boolean isUnique = unique.get(index.getKey());
			boolean backsKey = primaryKey != null && isUnique && indexed.equals(primaryKey.columns())
					&& (named(index.getKey()) == null || index.getKey().equals(primaryKey.name()));
			if (!backsKey) {
				indexes.add(new Index(named(index.getKey()), isUnique, indexed));
			}
		}
		indexes.sort(Comparator.comparing((Index index) -> String.valueOf(index.name()))
			.thenComparing((index) -> index.columns().toString()));
		return indexes;
	}

	private List<ForeignKey> foreignKeys(String table) throws SQLException {
		Map<String, List<String[]>> rows = new LinkedHashMap<>();
		try (ResultSet result = this.metaData.getImportedKeys(this.catalog, this.schema, table)) {
			while (result.next()) {
				String name = String.valueOf(result.getString("FK_NAME"));
				String referenced = result.getString("PKTABLE_NAME");
				rows.computeIfAbsent(name + "\u0000" + referenced, (key) -> new ArrayList<>())
					.add(new String[] { result.getString("KEY_SEQ"), result.getString("FKCOLUMN_NAME"), referenced,
							result.getString("PKCOLUMN_NAME"), rule(result.getShort("UPDATE_RULE")),
							rule(result.getShort("DELETE_RULE")), name });
			}
		}
		Map<List<String>, String> correctNames = this.ddl.foreignKeyNames(this.connection, table);
		List<ForeignKey> keys = new ArrayList<>();
		for (List<String[]> key : rows.values()) {
			key.sort(Comparator.comparingInt((row) -> Integer.parseInt(row[0])));
			List<String> from = key.stream().map((row) -> row[1]).toList();
			String name = (correctNames != null)
					? correctNames.get(from.stream().map((column) -> column.toLowerCase(Locale.ROOT)).toList())
					: named(key.get(0)[6]);
			keys.add(new ForeignKey(name, from, key.get(0)[2], key.stream().map((row) -> row[3]).toList(),
					key.get(0)[4], key.get(0)[5]));
		}
		keys.sort(Comparator.comparing((ForeignKey key) -> String.valueOf(key.name()))
			.thenComparing((key) -> key.columns().toString()));
		return keys;
	}

	private static String rule(short rule) {
		return switch (rule) {
			case DatabaseMetaData.importedKeyCascade -> "CASCADE";
			case DatabaseMetaData.importedKeySetNull -> "SET NULL";
			case DatabaseMetaData.importedKeySetDefault -> "SET DEFAULT";
			case DatabaseMetaData.importedKeyRestrict -> "RESTRICT";
			default -> "NO ACTION";
		};
	}

	/** A name, or {@code null} if the database made it up or reported none. */
	private @Nullable String named(@Nullable String name) {
		return (name == null || name.isBlank() || name.equals("null") || this.ddl.isGeneratedName(name)) ? null : name;
	}

	/** The table's name as a {@code LIKE} pattern: {@code _} in a name is a wildcard there. */
	private String escape(String table) throws SQLException {
		String escape = this.metaData.getSearchStringEscape();
		if (escape == null || escape.isEmpty()) {
			return table;
		}
		return table.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
	}

}
