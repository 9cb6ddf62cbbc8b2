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
 * Keys and indexes of a whole MariaDB (or MySQL) database in two queries of
 * {@code information_schema}, with the rows MariaDB Connector/J 3 reports table by table: its
 * {@code getPrimaryKeys} and {@code getIndexInfo} read {@code STATISTICS}; its
 * {@code getImportedKeys} parses {@code SHOW CREATE TABLE}, whose rules
 * {@code REFERENTIAL_CONSTRAINTS} states (a rule left out there is {@code RESTRICT} here).
 */
final class MariaDbSnapshotSource implements SnapshotSource {

	private static final String INDEXES = "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME "
			+ "FROM INFORMATION_SCHEMA.STATISTICS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE())";

	private static final String FOREIGN_KEYS = "SELECT KCU.TABLE_NAME, KCU.CONSTRAINT_NAME, KCU.ORDINAL_POSITION, "
			+ "KCU.COLUMN_NAME, KCU.REFERENCED_TABLE_NAME, KCU.REFERENCED_COLUMN_NAME, RC.UPDATE_RULE, RC.DELETE_RULE "
			+ "FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE KCU JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS RC "
			+ "ON KCU.CONSTRAINT_SCHEMA = RC.CONSTRAINT_SCHEMA AND KCU.CONSTRAINT_NAME = RC.CONSTRAINT_NAME "
			+ "AND KCU.TABLE_NAME = RC.TABLE_NAME "
			+ "WHERE KCU.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND RC.CONSTRAINT_SCHEMA = COALESCE(?, DATABASE())";

	private final Connection connection;

	private final @Nullable String database;

	private @Nullable List<Statistic> statistics;

	MariaDbSnapshotSource(Connection connection, @Nullable String catalog, @Nullable String schema) {
		this.connection = connection;
		// The driver calls a database a catalog, or a schema with useCatalogTerm=Schema.
		this.database = (catalog != null) ? catalog : schema;
	}

	@Override
	public Map<String, List<KeyColumn>> primaryKeys(Set<String> tables) throws SQLException {
		Map<String, List<KeyColumn>> keys = new HashMap<>();
		for (Statistic row : statistics(tables)) {
			if ("PRIMARY".equals(row.index())) {
				keys.computeIfAbsent(row.table(), (name) -> new ArrayList<>())
					.add(new KeyColumn(row.index(), row.position(), String.valueOf(row.column())));
			}
		}
		return keys;
	}

	@Override
	public Map<String, List<IndexColumn>> indexes(Set<String> tables) throws SQLException {
		Map<String, List<IndexColumn>> indexes = new HashMap<>();
		for (Statistic row : statistics(tables)) {
			indexes.computeIfAbsent(row.table(), (name) -> new ArrayList<>())
				.add(new IndexColumn(row.index(), row.unique(), row.position(), String.valueOf(row.column())));
		}
		return indexes;
	}

	/** {@code STATISTICS} answers for primary keys and indexes alike: read once. */
	private List<Statistic> statistics(Set<String> tables) throws SQLException {
		if (this.statistics == null) {
			List<Statistic> rows = new ArrayList<>();
			try (PreparedStatement query = this.connection.prepareStatement(INDEXES)) {
				query.setString(1, this.database);
				try (ResultSet result = query.executeQuery()) {
					while (result.next()) {
						String table = result.getString("TABLE_NAME");
						String index = result.getString("INDEX_NAME");
						if (index != null && tables.contains(table)) {
							rows.add(new Statistic(table, index, result.getInt("NON_UNIQUE") == 0,
									result.getInt("SEQ_IN_INDEX"), result.getString("COLUMN_NAME")));
						}
					}
				}
			}
			this.statistics = rows;
		}
		return this.statistics;
	}

	@Override
	public Map<String, List<ReferenceColumn>> foreignKeys(Set<String> tables) throws SQLException {
		Map<String, List<ReferenceColumn>> keys = new HashMap<>();
		try (PreparedStatement query = this.connection.prepareStatement(FOREIGN_KEYS)) {
			query.setString(1, this.database);
			query.setString(2, this.database);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					String table = result.getString("TABLE_NAME");
					if (tables.contains(table)) {
						keys.computeIfAbsent(table, (name) -> new ArrayList<>())
							.add(new ReferenceColumn(String.valueOf(result.getString("CONSTRAINT_NAME")),
									result.getInt("ORDINAL_POSITION"), result.getString("COLUMN_NAME"),
									result.getString("REFERENCED_TABLE_NAME"),
									result.getString("REFERENCED_COLUMN_NAME"), rule(result.getString("UPDATE_RULE")),
									rule(result.getString("DELETE_RULE"))));
					}
				}
			}
		}
		return keys;
	}

	private static short rule(@Nullable String rule) {
		return (short) switch (String.valueOf(rule)) {
			case "CASCADE" -> DatabaseMetaData.importedKeyCascade;
			case "SET NULL" -> DatabaseMetaData.importedKeySetNull;
			case "SET DEFAULT" -> DatabaseMetaData.importedKeySetDefault;
			case "NO ACTION" -> DatabaseMetaData.importedKeyNoAction;
			default -> DatabaseMetaData.importedKeyRestrict;
		};
	}

	private record Statistic(String table, String index, boolean unique, int position, @Nullable String column) {
	}

}
