package dev.smalls.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Another tool's table (Flyway's or Liquibase's history), found through the JDBC metadata
 * in whatever case that tool created it (Flyway quotes lower-case names on H2, Liquibase
 * leaves them to the database's folding), and queried through plain SQL with its names
 * quoted as found: no vendor SQL, and nothing of the other tool on the class path.
 * Internal: not for use outside smalls.
 */
final class ForeignTable {

	private final String quote;

	private final String qualified;

	private final Map<String, String> columns;

	private ForeignTable(String quote, String qualified, Map<String, String> columns) {
		this.quote = quote;
		this.qualified = qualified;
		this.columns = columns;
	}

	/**
	 * Find a table.
	 * @param connection the connection
	 * @param schema the schema (or, where the database has no schemas, the catalog) it is in,
	 * {@code null} for the connection's own
	 * @param name its name, in any case
	 * @return the table, or {@code null} if there is none of that name
	 * @throws SQLException if the metadata cannot be read
	 */
	static @Nullable ForeignTable find(Connection connection, @Nullable String schema, String name)
			throws SQLException {
		DatabaseMetaData metadata = connection.getMetaData();
		String quote = metadata.getIdentifierQuoteString().trim();
		List<String[]> candidates = new ArrayList<>();
		if (schema == null) {
			candidates.add(new String[] { connection.getCatalog(), connection.getSchema() });
		}
		else {
			for (String form : forms(schema)) {
				candidates.add(new String[] { connection.getCatalog(), form });
				candidates.add(new String[] { form, null });
			}
		}
		for (String[] where : candidates) {
			for (String form : forms(name)) {
				try (ResultSet tables = metadata.getTables(where[0], where[1], form, null)) {
					while (tables.next()) {
						// The name is a LIKE pattern, where '_' matches anything: only the exact name, and
						// only in the schema asked for (MariaDB's driver ignores the schema it is given).
						String catalog = tables.getString("TABLE_CAT");
						String owner = tables.getString("TABLE_SCHEM");
						if (tables.getString("TABLE_NAME").equals(form)
								&& (schema == null || schema.equalsIgnoreCase((owner != null) ? owner : catalog))) {
							return found(metadata, quote, catalog, owner, form, schema != null);
						}
					}
				}
			}
		}
		return null;
	}

	private static List<String> forms(String name) {
		List<String> forms = new ArrayList<>(List.of(name));
		for (String form : List.of(name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))) {
			if (!forms.contains(form)) {
				forms.add(form);
			}
		}
		return forms;
	}

	private static ForeignTable found(DatabaseMetaData metadata, String quote, @Nullable String catalog,
			@Nullable String schema, String table, boolean qualify) throws SQLException {
		Map<String, String> columns = new LinkedHashMap<>();
		try (ResultSet rs = metadata.getColumns(catalog, schema, table, null)) {
			while (rs.next()) {
				if (table.equals(rs.getString("TABLE_NAME"))) {
					String column = rs.getString("COLUMN_NAME");
					columns.put(column.toLowerCase(Locale.ROOT), column);
				}
			}
		}
		String owner = (schema != null) ? schema : catalog;
		String qualified = (qualify && owner != null) ? quoted(quote, owner) + "." + quoted(quote, table)
				: quoted(quote, table);
		return new ForeignTable(quote, qualified, columns);
	}

	private static String quoted(String quote, String name) {
		return quote.isEmpty() ? name : quote + name.replace(quote, quote + quote) + quote;
	}

	/**
	 * The table's name as SQL, quoted as found.
	 * @return the name
	 */
	String name() {
		return this.qualified;
	}

	/**
	 * Which of some columns the table lacks.
	 * @param names the columns, in any case
	 * @return the missing ones, in the order given
	 */
	List<String> missing(List<String> names) {
		return names.stream().filter((name) -> !this.columns.containsKey(name.toLowerCase(Locale.ROOT))).toList();
	}

	/**
	 * A query of some of the table's columns.
	 * @param names the columns, in any case, each of them in the table
	 * @param tail what follows the table's name, e.g. an {@code ORDER BY} of columns
	 * {@linkplain #column(String) named as found}
	 * @return a {@code SELECT}
	 */
	String select(List<String> names, String tail) {
		List<String> quoted = names.stream().map(this::column).toList();
		return "SELECT " + String.join(", ", quoted) + " FROM " + this.qualified + (tail.isEmpty() ? "" : " " + tail);
	}

	/**
	 * A column's name as SQL, quoted as found.
	 * @param name the column, in any case
	 * @return the quoted name
	 */
	String column(String name) {
		String found = this.columns.get(name.toLowerCase(Locale.ROOT));
		return quoted(this.quote, (found != null) ? found : name);
	}

}
