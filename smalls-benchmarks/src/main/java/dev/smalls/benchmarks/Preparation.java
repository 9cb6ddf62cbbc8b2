package dev.smalls.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings a database to "all N applied" for a contender, outside any measurement. Each tool
 * applies its migrations itself, except Flyway at large N: its apply is quadratic (10,000 take
 * minutes), so it applies the first migration and its history row is copied for the rest, in
 * exactly the form Flyway wrote it.
 */
final class Preparation {

	private static final int FLYWAY_COPY_ABOVE = 1000;

	private Preparation() {
	}

	static void applied(Contender contender, DataSource dataSource, Workload workload) throws Exception {
		if (contender instanceof FlywayContender && workload.size() > FLYWAY_COPY_ABOVE) {
			flywayByCopy(dataSource, workload);
		}
		else {
			contender.apply(dataSource, workload);
		}
	}

	static void flywayByCopy(DataSource dataSource, Workload workload) throws Exception {
		FlywayContender.flyway(dataSource, new Workload(1)).migrate();
		try (Connection connection = dataSource.getConnection()) {
			String script;
			String installedBy;
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery("SELECT \"script\", \"installed_by\" FROM \"flyway_schema_history\" "
							+ "WHERE \"version\" = '1'")) {
				row.next();
				script = row.getString(1);
				installedBy = row.getString(2);
			}
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO \"flyway_schema_history\" "
					+ "(\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\", "
					+ "\"installed_by\", \"installed_on\", \"execution_time\", \"success\") "
					+ "VALUES (?, ?, ?, 'JDBC', ?, NULL, ?, CURRENT_TIMESTAMP, 0, TRUE)");
					Statement data = connection.createStatement()) {
				for (int i = 2; i <= workload.size(); i++) {
					// Rank 1 is Flyway's baseline row, rank 2 migration 1.
					insert.setInt(1, i + 1);
					insert.setString(2, MigrationVersion.fromVersion(Integer.toString(i)).getVersion());
					insert.setString(3, "bench " + i);
					insert.setString(4, script);
					insert.setString(5, installedBy);
					insert.addBatch();
					data.addBatch(workload.migrateSql(i));
				}
				insert.executeBatch();
				data.executeBatch();
			}
			connection.commit();
		}
	}

}
