package dev.smalls.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@link SnapshotReader} gets the primary keys, indexes and foreign keys of a schema's
 * tables from, as the rows the JDBC metadata calls return. {@link JdbcSnapshotSource} asks the
 * driver table by table, which works everywhere; a driver that answers per table with one query
 * each has a source of its own that reads the whole schema in one query, with the same rows
 * ({@code PostgresSnapshotSource}, {@code MariaDbSnapshotSource}), so that a schema of a
 * thousand tables is read in a few round trips instead of thousands.
 */
interface SnapshotSource {

	/**
	 * The primary key columns of the tables.
	 * @param tables the tables, as the metadata names them
	 * @return each table's {@code getPrimaryKeys} rows, by table
	 * @throws SQLException if the metadata cannot be read
	 */
	Map<String, List<KeyColumn>> primaryKeys(Set<String> tables) throws SQLException;

	/**
	 * The index columns of the tables, the primary key's index included, statistics rows left out.
	 * @param tables the tables, as the metadata names them
	 * @return each table's {@code getIndexInfo} rows, by table
	 * @throws SQLException if the metadata cannot be read
	 */
	Map<String, List<IndexColumn>> indexes(Set<String> tables) throws SQLException;

	/**
	 * The foreign key columns of the tables.
	 * @param tables the tables, as the metadata names them
	 * @return each table's {@code getImportedKeys} rows, by table
	 * @throws SQLException if the metadata cannot be read
	 */
	Map<String, List<ReferenceColumn>> foreignKeys(Set<String> tables) throws SQLException;

	/**
	 * The source for a connection: the one for its driver if there is one, JDBC metadata
	 * table by table otherwise.
	 * @param connection the connection
	 * @param catalog the catalog read
	 * @param schema the schema read
	 * @return the source
	 * @throws SQLException if the driver cannot be identified
	 */
	static SnapshotSource of(Connection connection, @Nullable String catalog, @Nullable String schema)
			throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		String driver = String.valueOf(metaData.getDriverName()).toLowerCase(Locale.ROOT);
		if (driver.startsWith("postgresql") && PostgresSnapshotSource.supports(metaData)) {
			return new PostgresSnapshotSource(connection, catalog, schema);
		}
		if (driver.startsWith("mariadb")) {
			return new MariaDbSnapshotSource(connection, catalog, schema);
		}
		return new JdbcSnapshotSource(metaData, catalog, schema);
	}

	/**
	 * A row of {@code getPrimaryKeys}.
	 *
	 * @param keyName {@code PK_NAME}
	 * @param position {@code KEY_SEQ}
	 * @param column {@code COLUMN_NAME}
	 */
	record KeyColumn(@Nullable String keyName, int position, String column) {
	}

	/**
	 * A row of {@code getIndexInfo}.
	 *
	 * @param index {@code INDEX_NAME}
	 * @param unique not {@code NON_UNIQUE}
	 * @param position {@code ORDINAL_POSITION}
	 * @param column {@code COLUMN_NAME}, {@code "null"} if there is none
	 */
	record IndexColumn(String index, boolean unique, int position, String column) {
	}

	/**
	 * A row of {@code getImportedKeys}.
	 *
	 * @param keyName {@code FK_NAME}, {@code "null"} if there is none
	 * @param position {@code KEY_SEQ}
	 * @param column {@code FKCOLUMN_NAME}
	 * @param referencedTable {@code PKTABLE_NAME}
	 * @param referencedColumn {@code PKCOLUMN_NAME}
	 * @param updateRule {@code UPDATE_RULE}
	 * @param deleteRule {@code DELETE_RULE}
	 */
	record ReferenceColumn(String keyName, int position, String column, String referencedTable,
			String referencedColumn, short updateRule, short deleteRule) {
	}

}
