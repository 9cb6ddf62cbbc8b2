package dev.smalls.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenant;
import dev.smalls.SmallsTenants;

/**
 * Scenario 5: the same migrations on many tenants, each in a schema of its own. The floor is
 * what an application does by hand today: a loop over the tenants, one after the other,
 * each with the plain JDBC of scenario 1. smalls runs them with {@link SmallsTenants} at
 * several parallelisms, to show how it scales on this machine.
 */
final class TenantScenario implements Scenario {

	static final String NAME = "5 tenants x 20 migrations";

	static final int[] PARALLELISMS = { 1, 2, 4 };

	private final Effort effort;

	TenantScenario(Effort effort) {
		this.effort = effort;
	}

	@Override
	public String name() {
		return NAME;
	}

	static String contender(int parallelism) {
		return SmallsContender.NAME + " p=" + parallelism;
	}

	@Override
	public void run(BenchDatabase database, Report report) throws Exception {
		int tenants = this.effort.quick() ? 4 : 100;
		Workload workload = new Workload(this.effort.quick() ? 5 : 20);
		List<String> contenders = new ArrayList<>(List.of(PlainJdbcContender.NAME));
		for (int parallelism : PARALLELISMS) {
			contenders.add(contender(parallelism));
		}
		this.effort.rounds(contenders, 1, 5, (name, measured) -> {
			try (HikariDataSource dataSource = pool(database, database.freshUrl(false))) {
				List<String> schemas = prepare(dataSource, tenants);
				long started = System.nanoTime();
				if (name.equals(PlainJdbcContender.NAME)) {
					for (String schema : schemas) {
						plainJdbc(dataSource, database, schema, workload);
					}
				}
				else {
					int parallelism = Integer.parseInt(name.substring(name.indexOf('=') + 1));
					List<SmallsTenant> all = schemas.stream().map((schema) -> new SmallsTenant(schema, dataSource, schema))
						.toList();
					SmallsTenants.builder((tenant) -> SmallsMigrator.builder(tenant.dataSource())
						.schema(tenant.schema())
						.migrations(SmallsContender.migrations(workload))
						.build()).tenants(all).parallelism(parallelism).build().migrate().throwIfFailed();
				}
				if (measured) {
					report.add(NAME, database, tenants, name, Effort.millisSince(started));
				}
			}
		});
	}

	/** Enough connections for four tenants at once, each with a lock connection of its own. */
	private static HikariDataSource pool(BenchDatabase database, String url) {
		HikariDataSource dataSource = database.pool(url);
		dataSource.setMaximumPoolSize(10);
		return dataSource;
	}

	private static List<String> prepare(DataSource dataSource, int tenants) throws SQLException {
		List<String> schemas = new ArrayList<>();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (int i = 1; i <= tenants; i++) {
				String schema = "tenant_" + i;
				statement.execute("CREATE SCHEMA " + schema);
				statement.execute("CREATE TABLE " + schema + ".bench_data (id INT PRIMARY KEY, v VARCHAR(10))");
				schemas.add(schema);
			}
		}
		return schemas;
	}

	/** One tenant by hand: its schema as the default, a history table, a commit per migration. */
	private static void plainJdbc(DataSource dataSource, BenchDatabase database, String schema, Workload workload)
			throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute(((database == BenchDatabase.H2) ? "SET SCHEMA " : "SET search_path TO ") + schema);
				statement.execute("CREATE TABLE plain_history (version INT PRIMARY KEY, applied_at TIMESTAMP)");
			}
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement();
					PreparedStatement history = connection
						.prepareStatement("INSERT INTO plain_history (version, applied_at) VALUES (?, CURRENT_TIMESTAMP)")) {
				for (int i = 1; i <= workload.size(); i++) {
					statement.execute(workload.migrateSql(i));
					history.setInt(1, i);
					history.executeUpdate();
					connection.commit();
				}
			}
			finally {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute((database == BenchDatabase.H2) ? "SET SCHEMA PUBLIC" : "SET search_path TO public");
				}
			}
		}
	}

}
