package dev.smalls.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SchemaDdl;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.schema.SchemaSnapshot.Column;
import dev.smalls.schema.SchemaSnapshot.ForeignKey;
import dev.smalls.schema.SchemaSnapshot.Index;
import dev.smalls.schema.SchemaSnapshot.PrimaryKey;
import dev.smalls.schema.SchemaSnapshot.Table;
import dev.smalls.schema.SnapshotSource.IndexColumn;
import dev.smalls.schema.SnapshotSource.KeyColumn;
import dev.smalls.schema.SnapshotSource.ReferenceColumn;

/**
 * Reads a {@link SchemaSnapshot} from JDBC metadata: the tables and their columns in one call
 * each, keys and indexes from the connection's {@link SnapshotSource}. The dialect's
 * {@link SchemaDdl} says which names the database made up, and corrects foreign key names
 * where a driver reports them wrongly (SQLite).
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
		List<String> names = tableNames();
		Set<String> tables = new HashSet<>(names);
		Map<String, List<Column>> columns = columns(tables);
		SnapshotSource source = SnapshotSource.of(this.connection, this.catalog, this.schema);
		Map<String, List<KeyColumn>> primaryKeys = source.primaryKeys(tables);
		Map<String, List<IndexColumn>> indexes = source.indexes(tables);
		Map<String, List<ReferenceColumn>> foreignKeys = source.foreignKeys(tables);
		List<Table> read = new ArrayList<>();
		for (String table : names) {
			PrimaryKey primaryKey = primaryKey(primaryKeys.getOrDefault(table, List.of()));
			read.add(new Table(table, columns.getOrDefault(table, List.of()), primaryKey,
					indexes(indexes.getOrDefault(table, List.of()), primaryKey),
					foreignKeys(table, foreignKeys.getOrDefault(table, List.of()))));
		}
		return new SchemaSnapshot(read);
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

	/** The columns of every table in one call, in their order in each table. */
	private Map<String, List<Column>> columns(Set<String> tables) throws SQLException {
		Map<String, Map<Integer, Column>> columns = new HashMap<>();
		try (ResultSet result = this.metaData.getColumns(this.catalog, this.schema, "%", "%")) {
			while (result.next()) {
				String table = result.getString("TABLE_NAME");
				if (!tables.contains(table)) {
					continue;
				}
				Map<Integer, Column> ofTable = columns.computeIfAbsent(table, (name) -> new TreeMap<>());
				ofTable.put(result.getInt("ORDINAL_POSITION"),
						new Column(result.getString("COLUMN_NAME"), result.getString("TYPE_NAME"),
								result.getInt("COLUMN_SIZE"), result.getInt("DECIMAL_DIGITS"),
								result.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
								normalizeDefault(result.getString("COLUMN_DEF")),
								"YES".equalsIgnoreCase(result.getString("IS_AUTOINCREMENT"))));
			}
		}
		Map<String, List<Column>> ordered = new HashMap<>();
		columns.forEach((table, ofTable) -> ordered.put(table, List.copyOf(ofTable.values())));
		return ordered;
	}

	/** MariaDB reports "no default" on a nullable column as the text {@code NULL}. */
	private static @Nullable String normalizeDefault(@Nullable String reported) {
		if (reported == null || reported.isBlank() || reported.strip().equalsIgnoreCase("NULL")) {
			return null;
		}
		return reported.strip();
	}

	private @Nullable PrimaryKey primaryKey(List<KeyColumn> rows) {
		Map<Integer, String> columns = new TreeMap<>();
		String name = null;
		for (KeyColumn row : rows) {
			columns.put(row.position(), row.column());
			name = row.keyName();
		}
		return columns.isEmpty() ? null : new PrimaryKey(named(name), List.copyOf(columns.values()));
	}

	private List<Index> indexes(List<IndexColumn> rows, @Nullable PrimaryKey primaryKey) {
		Map<String, Boolean> unique = new LinkedHashMap<>();
		Map<String, Map<Integer, String>> columns = new LinkedHashMap<>();
		for (IndexColumn row : rows) {
			unique.put(row.index(), row.unique());
			columns.computeIfAbsent(row.index(), (key) -> new TreeMap<>()).put(row.position(), row.column());
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

	private List<ForeignKey> foreignKeys(String table, List<ReferenceColumn> rows) throws SQLException {
		Map<String, List<ReferenceColumn>> byKey = new LinkedHashMap<>();
		for (ReferenceColumn row : rows) {
			byKey.computeIfAbsent(row.keyName() + "\u0000" + row.referencedTable(), (key) -> new ArrayList<>()).add(row);
		}
		Map<List<String>, String> correctNames = byKey.isEmpty() ? null
				: this.ddl.foreignKeyNames(this.connection, table);
		List<ForeignKey> keys = new ArrayList<>();
		for (List<ReferenceColumn> key : byKey.values()) {
			key.sort(Comparator.comparingInt(ReferenceColumn::position));
			ReferenceColumn first = key.get(0);
			List<String> from = key.stream().map(ReferenceColumn::column).toList();
			String name = (correctNames != null)
					? correctNames.get(from.stream().map((column) -> column.toLowerCase(Locale.ROOT)).toList())
					: named(first.keyName());
			keys.add(new ForeignKey(name, from, first.referencedTable(),
					key.stream().map(ReferenceColumn::referencedColumn).toList(), rule(first.updateRule()),
					rule(first.deleteRule())));
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

}
