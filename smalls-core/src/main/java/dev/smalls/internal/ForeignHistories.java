package dev.smalls.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.FlywayAdoption;
import dev.smalls.LiquibaseAdoption;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;

/**
 * The guard before a first migrate: a database Flyway or Liquibase migrated, whose history
 * smalls has not adopted, would have every migration of a kept SQL folder (or of a port)
 * run again. Looked for only while smalls' history is empty, so it costs one metadata lookup
 * on a database's first migrate and nothing after. Internal: not for use outside smalls.
 */
final class ForeignHistories {

	private ForeignHistories() {
	}

	/**
	 * Refuse a first migrate on a database another tool migrated.
	 * @param connection the connection, in the run's schema
	 * @param schema the run's schema, {@code null} for the connection's
	 * @param flywayHistory where Flyway's history is (a {@code null} schema: the run's)
	 * @param liquibaseHistory where Liquibase's change log is (a {@code null} schema: the run's)
	 * @throws SmallsValidationException if Flyway's or Liquibase's history table holds applied
	 * migrations
	 * @throws SQLException if the metadata or the table cannot be read
	 */
	static void refuseIfNotAdopted(Connection connection, @Nullable String schema, FlywayAdoption flywayHistory,
			LiquibaseAdoption liquibaseHistory) throws SQLException {
		String flywayTable = flywayHistory.table();
		String liquibaseTable = liquibaseHistory.table();
		if (schema == null && flywayHistory.schema() == null && liquibaseHistory.schema() == null
				&& !anyIn(connection, flywayTable, liquibaseTable)) {
			// The common first migrate, on a database neither tool touched: one metadata query.
			return;
		}
		ForeignTable flyway = ForeignTable.find(connection, or(flywayHistory.schema(), schema), flywayTable);
		if (flyway != null && flyway.missing(List.of("version", "success")).isEmpty()) {
			long applied = 0;
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery(flyway.select(List.of("version", "success"), ""))) {
				while (rs.next()) {
					// A BOOLEAN on most databases, a TINYINT on MariaDB/MySQL: getBoolean reads both.
					if (rs.getString(1) != null && rs.getBoolean(2)) {
						applied++;
					}
				}
			}
			if (applied > 0) {
				throw refusal("Flyway", shown(flywayHistory.schema(), flywayTable), applied, "smalls adopt flyway",
						"migrations it applied (V files of a kept SQL folder, and their ports) would run again");
			}
		}
		ForeignTable liquibase = ForeignTable.find(connection, or(liquibaseHistory.schema(), schema), liquibaseTable);
		if (liquibase != null) {
			long applied = count(connection, liquibase.select(List.of("id"), ""));
			if (applied > 0) {
				throw refusal("Liquibase", shown(liquibaseHistory.schema(), liquibaseTable), applied,
						"smalls adopt liquibase", "smalls migrations that port its change sets would run over what "
								+ "they made");
			}
		}
	}

	private static @Nullable String or(@Nullable String schema, @Nullable String fallback) {
		return (schema != null) ? schema : fallback;
	}

	private static String shown(@Nullable String schema, String table) {
		return (schema != null) ? schema + "." + table : table;
	}

	/**
	 * Whether the connection's schema has a table of either name, in any case: one listing of
	 * its tables rather than a lookup per name and case.
	 */
	private static boolean anyIn(Connection connection, String flyway, String liquibase) throws SQLException {
		try (ResultSet tables = connection.getMetaData()
			.getTables(connection.getCatalog(), connection.getSchema(), null, null)) {
			while (tables.next()) {
				String name = tables.getString("TABLE_NAME");
				if (flyway.equalsIgnoreCase(name) || liquibase.equalsIgnoreCase(name)) {
					return true;
				}
			}
		}
		return false;
	}

	private static long count(Connection connection, String select) throws SQLException {
		long rows = 0;
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(select)) {
			while (rs.next()) {
				rows++;
			}
		}
		return rows;
	}

	private static SmallsValidationException refusal(String tool, String table, long applied, String command,
			String risk) {
		return new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
				"This database was migrated by " + tool + " (" + table + " records " + applied + " applied "
						+ ((applied == 1) ? "change" : "changes") + ") and smalls' history is empty: a migrate now "
						+ "would not know what " + tool + " did, and " + risk + ". Nothing was run.",
				"Record what " + tool + " applied first: " + command + " (see \"Coming from Flyway or Liquibase\" in "
						+ "smalls' README), then migrate. If " + tool + " manages something else in this schema, give "
						+ "smalls a schema of its own: a DataSource whose default schema is another (with the starter, "
						+ "@SmallsDataSource or smalls.instances), the migrator builder's schema(..), or the Maven "
						+ "plugin's <schema>.");
	}

}
