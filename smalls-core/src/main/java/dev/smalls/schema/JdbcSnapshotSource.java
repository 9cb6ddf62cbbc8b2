package dev.smalls.schema;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Keys and indexes from JDBC metadata, table by table: what every driver answers.
 */
final class JdbcSnapshotSource implements SnapshotSource {

	private final DatabaseMetaData metaData;

	private final @Nullable String catalog;

	private final @Nullable String schema;

	JdbcSnapshotSource(DatabaseMetaData metaData, @Nullable String catalog, @Nullable String schema) {
		this.metaData = metaData;
		this.catalog = catalog;
		this.schema = schema;
	}

	@Override
	public Map<String, List<KeyColumn>> primaryKeys(Set<String> tables) throws SQLException {
		Map<String, List<KeyColumn>> keys = new HashMap<>();
		for (String table : tables) {
			try (ResultSet result = this.metaData.getPrimaryKeys(this.catalog, this.schema, table)) {
				keys.put(table, primaryKeyRows(result));
			}
		}
		return keys;
	}

	static List<KeyColumn> primaryKeyRows(ResultSet result) throws SQLException {
		List<KeyColumn> rows = new ArrayList<>();
		while (result.next()) {
			rows.add(new KeyColumn(result.getString("PK_NAME"), result.getInt("KEY_SEQ"),
					result.getString("COLUMN_NAME")));
		}
		return rows;
	}

	@Override
	public Map<String, List<IndexColumn>> indexes(Set<String> tables) throws SQLException {
		Map<String, List<IndexColumn>> indexes = new HashMap<>();
		for (String table : tables) {
			List<IndexColumn> rows = new ArrayList<>();
			try (ResultSet result = this.metaData.getIndexInfo(this.catalog, this.schema, table, false, false)) {
				while (result.next()) {
					String name = result.getString("INDEX_NAME");
					if (name != null && result.getShort("TYPE") != DatabaseMetaData.tableIndexStatistic) {
						rows.add(new IndexColumn(name, !result.getBoolean("NON_UNIQUE"),
								result.getInt("ORDINAL_POSITION"), String.valueOf(result.getString("COLUMN_NAME"))));
					}
				}
			}
			indexes.put(table, rows);
		}
		return indexes;
	}

	@Override
	public Map<String, List<ReferenceColumn>> foreignKeys(Set<String> tables) throws SQLException {
		Map<String, List<ReferenceColumn>> keys = new HashMap<>();
		for (String table : tables) {
			try (ResultSet result = this.metaData.getImportedKeys(this.catalog, this.schema, table)) {
				keys.put(table, foreignKeyRows(result));
			}
		}
		return keys;
	}

	static List<ReferenceColumn> foreignKeyRows(ResultSet result) throws SQLException {
		List<ReferenceColumn> rows = new ArrayList<>();
		while (result.next()) {
			rows.add(foreignKeyRow(result));
		}
		return rows;
	}

	static ReferenceColumn foreignKeyRow(ResultSet result) throws SQLException {
		return new ReferenceColumn(String.valueOf(result.getString("FK_NAME")),
				Integer.parseInt(result.getString("KEY_SEQ")), result.getString("FKCOLUMN_NAME"),
				result.getString("PKTABLE_NAME"), result.getString("PKCOLUMN_NAME"), result.getShort("UPDATE_RULE"),
				result.getShort("DELETE_RULE"));
	}

}
