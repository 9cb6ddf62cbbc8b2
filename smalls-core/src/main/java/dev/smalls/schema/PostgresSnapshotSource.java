package dev.smalls.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Keys and indexes of a whole PostgreSQL schema in three queries. The driver's
 * {@code getPrimaryKeys} and {@code getImportedKeys} answer for every table when given none;
 * its {@code getIndexInfo} does not, so its query (pgjdbc 42.7, PostgreSQL 9.6 and later) is
 * run here without the table condition.
 */
final class PostgresSnapshotSource implements SnapshotSource {

	/** pgjdbc's {@code getIndexInfo}, the columns a snapshot reads, for a whole schema. */
	private static final String INDEXES = """
			SELECT tmp.table_name, tmp.index_name, tmp.non_unique, tmp.ordinal_position,
			  trim(both '"' from pg_catalog.pg_get_indexdef(tmp.ci_oid, tmp.ordinal_position, false)) AS column_name
			FROM (SELECT ct.relname AS table_name, NOT i.indisunique AS non_unique, ci.relname AS index_name,
			    (information_schema._pg_expandarray(i.indkey)).n AS ordinal_position, ci.oid AS ci_oid
			  FROM pg_catalog.pg_class ct
			  JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid)
			  JOIN pg_catalog.pg_index i ON (ct.oid = i.indrelid)
			  JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid)
			  WHERE n.nspname = ?) AS tmp""";

	private final Connection connection;

	private final DatabaseMetaData metaData;

	private final @Nullable String catalog;

	private final @Nullable String schema;

	private final JdbcSnapshotSource tableByTable;

	PostgresSnapshotSource(Connection connection, @Nullable String catalog, @Nullable String schema)
			throws SQLException {
		this.connection = connection;
		this.metaData = connection.getMetaData();
		this.catalog = catalog;
		this.schema = schema;
		this.tableByTable = new JdbcSnapshotSource(this.metaData, catalog, schema);
	}

	/** The index query is the driver's for PostgreSQL 9.6 and later. */
	static boolean supports(DatabaseMetaData metaData) throws SQLException {
		int major = metaData.getDatabaseMajorVersion();
		return major > 9 || (major == 9 && metaData.getDatabaseMinorVersion() >= 6);
	}

	@Override
	public Map<String, List<KeyColumn>> primaryKeys(Set<String> tables) throws SQLException {
		Map<String, List<KeyColumn>> keys = new HashMap<>();
		try (ResultSet result = this.metaData.getPrimaryKeys(this.catalog, this.schema, null)) {
			while (result.next()) {
				String table = result.getString("TABLE_NAME");
				if (tables.contains(table)) {
					keys.computeIfAbsent(table, (name) -> new ArrayList<>())
						.add(new KeyColumn(result.getString("PK_NAME"), result.getInt("KEY_SEQ"),
								result.getString("COLUMN_NAME")));
				}
			}
		}
		return keys;
	}

	@Override
	public Map<String, List<IndexColumn>> indexes(Set<String> tables) throws SQLException {
		if (this.schema == null) {
			return this.tableByTable.indexes(tables);
		}
		Map<String, List<IndexColumn>> indexes = new HashMap<>();
		try (PreparedStatement query = this.connection.prepareStatement(INDEXES)) {
			query.setString(1, this.schema);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					String table = result.getString("table_name");
					if (tables.contains(table)) {
						indexes.computeIfAbsent(table, (name) -> new ArrayList<>())
							.add(new IndexColumn(result.getString("index_name"), !result.getBoolean("non_unique"),
									result.getInt("ordinal_position"),
									String.valueOf(result.getString("column_name"))));
					}
				}
			}
		}
		return indexes;
	}

	@Override
	public Map<String, List<ReferenceColumn>> foreignKeys(Set<String> tables) throws SQLException {
		Map<String, List<ReferenceColumn>> keys = new HashMap<>();
		try (ResultSet result = this.metaData.getImportedKeys(this.catalog, this.schema, null)) {
			while (result.next()) {
				String table = result.getString("FKTABLE_NAME");
				if (tables.contains(table)) {
					keys.computeIfAbsent(table, (name) -> new ArrayList<>()).add(JdbcSnapshotSource.foreignKeyRow(result));
				}
			}
		}
		return keys;
	}

}
