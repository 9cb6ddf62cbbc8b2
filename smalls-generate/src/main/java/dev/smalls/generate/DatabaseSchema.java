package dev.smalls.generate;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.schema.SchemaSnapshot;

/**
 * The live database as generate compares it with the model: the {@link SchemaSnapshot} of the
 * connection's schema without the tables generate leaves alone, each column's JDBC type code
 * (for Hibernate's type rule), and the names of its sequences.
 *
 * @param snapshot the tables
 * @param dialect smalls' dialect for the database
 * @param typeCodes each column's JDBC type code, by lower-case {@code table.column}
 * @param sequences the sequences' names, lower case
 * @param upperCase whether the database stores unquoted names in upper case (H2, HSQLDB)
 * @param tablesWithRows the tables that have at least one row, lower case
 * @param checks the check constraints of each table, by lower-case table name; {@code null}
 * where generate cannot read them (SQLite)
 */
record DatabaseSchema(SchemaSnapshot snapshot, SmallsDialect dialect, Map<String, Integer> typeCodes,
		List<String> sequences, boolean upperCase, Set<String> tablesWithRows,
		@Nullable Map<String, List<LiveCheck>> checks) {

	/**
	 * Read a database.
	 * @param connection a connection to it
	 * @param sequenceQuery the query that lists its sequences (Hibernate's dialect knows it), or
	 * {@code null} if it has none
	 * @param leftAlone the tables generate neither creates, changes nor drops
	 * @return the database
	 * @throws SQLException if it cannot be read
	 */
	static DatabaseSchema read(Connection connection, @Nullable String sequenceQuery, List<String> leftAlone)
			throws SQLException {
		List<String> sequences = sequences(connection, sequenceQuery);
		List<String> without = new ArrayList<>(leftAlone);
		// MariaDB keeps a sequence as a table of its own.
		without.addAll(sequences);
		SchemaSnapshot snapshot = SchemaSnapshot.read(connection).without(without.toArray(String[]::new));
		return new DatabaseSchema(snapshot, SmallsDialects.detect(connection), typeCodes(connection), sequences,
				connection.getMetaData().storesUpperCaseIdentifiers(), tablesWithRows(connection, snapshot),
				LiveCheck.read(connection));
	}

	/**
	 * Whether a table has rows, so that a column added {@code NOT NULL} needs a value for them.
	 * @param table the table
	 * @return {@code true} if it has one or more
	 */
	boolean hasRows(String table) {
		return this.tablesWithRows.contains(table.toLowerCase(Locale.ROOT));
	}

	/**
	 * The check constraints of a table.
	 * @param table the table
	 * @return its checks; empty if it has none or they cannot be read
	 */
	List<LiveCheck> checks(String table) {
		return (this.checks != null) ? this.checks.getOrDefault(table.toLowerCase(Locale.ROOT), List.of()) : List.of();
	}

	private static Set<String> tablesWithRows(Connection connection, SchemaSnapshot snapshot) throws SQLException {
		Set<String> tables = new HashSet<>();
		String quote = connection.getMetaData().getIdentifierQuoteString().strip();
		for (SchemaSnapshot.Table table : snapshot.tables()) {
			try (Statement statement = connection.createStatement()) {
				statement.setMaxRows(1);
				try (ResultSet rows = statement.executeQuery("SELECT 1 FROM " + quote
						+ table.name().replace(quote, quote + quote) + quote)) {
					if (rows.next()) {
						tables.add(table.name().toLowerCase(Locale.ROOT));
					}
				}
			}
		}
		return Set.copyOf(tables);
	}

	/**
	 * A name as a migration writes it: {@code BOOKS} on H2 is {@code books}, as it was written
	 * unquoted; any other name is kept as the database reports it.
	 * @param reported the name as the metadata reports it
	 * @return the name to write
	 */
	String name(String reported) {
		return (this.upperCase && reported.equals(reported.toUpperCase(Locale.ROOT))) ? reported.toLowerCase(Locale.ROOT)
				: reported;
	}

	/**
	 * Names as a migration writes them.
	 * @param reported the names as the metadata reports them
	 * @return the names to write
	 */
	List<String> names(List<String> reported) {
		return reported.stream().map(this::name).toList();
	}

	/**
	 * The JDBC type code of a column.
	 * @param table the table
	 * @param column the column
	 * @return the code, {@link java.sql.Types#OTHER} if unknown
	 */
	int typeCode(String table, String column) {
		return this.typeCodes.getOrDefault((table + "." + column).toLowerCase(Locale.ROOT), java.sql.Types.OTHER);
	}

	boolean hasSequence(String name) {
		return this.sequences.contains(name.toLowerCase(Locale.ROOT));
	}

	private static Map<String, Integer> typeCodes(Connection connection) throws SQLException {
		Map<String, Integer> codes = new HashMap<>();
		DatabaseMetaData metaData = connection.getMetaData();
		try (ResultSet columns = metaData.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
			while (columns.next()) {
				codes.put((columns.getString("TABLE_NAME") + "." + columns.getString("COLUMN_NAME"))
					.toLowerCase(Locale.ROOT), columns.getInt("DATA_TYPE"));
			}
		}
		return codes;
	}

	/**
	 * The sequences of the connection's schema. Hibernate's query may list every schema's
	 * sequences; where it says which schema each is in, only the connection's own count.
	 */
	private static List<String> sequences(Connection connection, @Nullable String query) throws SQLException {
		List<String> names = new ArrayList<>();
		if (query == null) {
			return names;
		}
		String schema = connection.getSchema();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
			ResultSetMetaData columns = result.getMetaData();
			int name = column(columns, "sequence_name", "table_name");
			int schemaColumn = column(columns, "sequence_schema");
			while (name > 0 && result.next()) {
				String in = (schemaColumn > 0) ? result.getString(schemaColumn) : null;
				if (in == null || schema == null || in.equalsIgnoreCase(schema)) {
					names.add(result.getString(name).toLowerCase(Locale.ROOT));
				}
			}
		}
		return names;
	}

	private static int column(ResultSetMetaData columns, String... labels) throws SQLException {
		for (String label : labels) {
			for (int i = 1; i <= columns.getColumnCount(); i++) {
				if (label.equalsIgnoreCase(columns.getColumnLabel(i))) {
					return i;
				}
			}
		}
		return 0;
	}

}
