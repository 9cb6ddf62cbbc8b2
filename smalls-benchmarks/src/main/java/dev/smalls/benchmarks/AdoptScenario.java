package dev.smalls.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.smalls.AdoptionResult;
import dev.smalls.FlywayAdoption;
import dev.smalls.SmallsMigrator;

/**
 * Scenario 8: moving from Flyway, {@code adoptFlyway()} of a Flyway history of N migrations
 * (written by Flyway for the first, copied in Flyway's own form for the rest, as scenario 2
 * prepares it), a new database per sample. The floor is plain JDBC doing the core of the
 * same work: read Flyway's rows in order, insert one row each into a table of the same shape
 * as smalls' history (created before the clock starts; smalls creates its own tables inside
 * the measurement), commit. The target: 10,000 rows in under 2 s.
 */
final class AdoptScenario implements Scenario {

	static final String NAME = "8 adopt a Flyway history of N";

	private final Effort effort;

	AdoptScenario(Effort effort) {
		this.effort = effort;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void run(BenchDatabase database, Report report) throws Exception {
		for (int size : this.effort.sizes(1000, 10_000)) {
			Workload workload = new Workload(size);
			this.effort.rounds(List.of(PlainJdbcContender.NAME, SmallsContender.NAME), 1, 5, (name, measured) -> {
				try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
					Workload.prepare(dataSource);
					Preparation.flywayByCopy(dataSource, workload);
					double millis = name.equals(SmallsContender.NAME) ? smalls(dataSource, size)
							: plainJdbc(dataSource, size);
					if (measured) {
						report.add(NAME, database, size, name, millis);
					}
				}
			});
		}
	}

	private static double smalls(DataSource dataSource, int size) {
		SmallsMigrator migrator = SmallsMigrator.builder(dataSource).build();
		long started = System.nanoTime();
		AdoptionResult result = migrator.adoptFlyway(FlywayAdoption.defaults());
		double millis = Effort.millisSince(started);
		// Flyway's baseline row (version 0) becomes a baseline, and each of the N migrations a row.
		if (result.recorded().size() != size + 1) {
			throw new IllegalStateException("adopted " + result.recorded().size() + " rows, not " + (size + 1));
		}
		return millis;
	}

	private static double plainJdbc(DataSource dataSource, int size) throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE copy_history (sequence_no INT PRIMARY KEY, name VARCHAR(100) NOT NULL, "
						+ "batch INT NOT NULL, applied_at TIMESTAMP NOT NULL, origin VARCHAR(500))");
			}
			long started = System.nanoTime();
			connection.setAutoCommit(false);
			int copied = 0;
			try (Statement read = connection.createStatement();
					ResultSet rows = read.executeQuery("SELECT \"version\", \"description\", \"type\", \"script\", "
							+ "\"checksum\" FROM \"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL "
							+ "ORDER BY \"installed_rank\"");
					PreparedStatement insert = connection.prepareStatement(
							"INSERT INTO copy_history VALUES (?, ?, 1, CURRENT_TIMESTAMP, ?)")) {
				while (rows.next()) {
					insert.setInt(1, Integer.parseInt(rows.getString(1)));
					insert.setString(2, rows.getString(2).replace(' ', '_'));
					insert.setString(3, "flyway " + rows.getString(3) + " " + rows.getString(4) + " checksum="
							+ rows.getString(5));
					insert.addBatch();
					copied++;
				}
				insert.executeBatch();
			}
			connection.commit();
			double millis = Effort.millisSince(started);
			if (copied != size + 1) {
				throw new IllegalStateException("copied " + copied + " rows, not " + (size + 1));
			}
			return millis;
		}
	}

}
