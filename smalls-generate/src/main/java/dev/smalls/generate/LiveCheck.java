package dev.smalls.generate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A check constraint as the database has it, read from its catalog: PostgreSQL's
 * {@code pg_constraint}, the standard {@code INFORMATION_SCHEMA} elsewhere (H2, HSQLDB,
 * MariaDB, MySQL).
 *
 * @param name its name, as the database reports it
 * @param condition its condition, as the database rewrote it, without {@code CHECK}
 * @param inColumn whether it is part of its column's definition, as MariaDB keeps a check
 * written beside the column (Hibernate's), which only redefining the column changes
 */
record LiveCheck(String name, String condition, boolean inColumn) {

	private static final String POSTGRESQL = "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
			+ "FROM pg_constraint c WHERE c.contype = 'c' AND c.connamespace = current_schema()::regnamespace";

	private static final String MARIADB = "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL = 'Column' FROM "
			+ "information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()";

	private static final String STANDARD = "SELECT t.TABLE_NAME, t.CONSTRAINT_NAME, c.CHECK_CLAUSE FROM "
			+ "INFORMATION_SCHEMA.TABLE_CONSTRAINTS t JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS c ON "
			+ "c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME "
			+ "WHERE t.CONSTRAINT_TYPE = 'CHECK' AND t.TABLE_SCHEMA = CURRENT_SCHEMA";

	/**
	 * The checks of the connection's schema.
	 * @param connection the connection
	 * @return the checks by lower-case table name, or {@code null} where they cannot be read
	 * @throws SQLException if reading fails
	 */
	static @Nullable Map<String, List<LiveCheck>> read(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		String query = product.contains("postgres") ? POSTGRESQL
				: (product.contains("mariadb") || product.contains("mysql")) ? MARIADB
						: (product.contains("h2") || product.contains("hsql")) ? STANDARD : null;
		if (query == null) {
			return null;
		}
		Map<String, List<LiveCheck>> checks = new HashMap<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
			while (rows.next()) {
				String condition = rows.getString(3).strip();
				if (condition.regionMatches(true, 0, "CHECK", 0, 5)) {
					condition = condition.substring(5).strip();
				}
				// PostgreSQL's NOT NULL, which HSQLDB also reports as a check.
				if (condition.toUpperCase(Locale.ROOT).matches("\\(*\\S+ IS NOT NULL\\)*")) {
					continue;
				}
				checks.computeIfAbsent(unquoted(rows.getString(1)).toLowerCase(Locale.ROOT), (table) -> new ArrayList<>())
					.add(new LiveCheck(rows.getString(2), condition, (query == MARIADB) && rows.getBoolean(4)));
			}
		}
		return checks;
	}

	/** PostgreSQL's {@code regclass} quotes a name that needs it. */
	private static String unquoted(String table) {
		return (table.length() > 1 && table.startsWith("\"") && table.endsWith("\""))
				? table.substring(1, table.length() - 1) : table;
	}

}
