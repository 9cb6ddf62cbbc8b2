package dev.smalls.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;

import javax.sql.DataSource;

/**
 * The floor: the same statements, one history insert and one commit per migration, and a
 * check that reads the history once. No lock, no validation, no framework.
 */
final class PlainJdbcContender implements Contender {

	static final String NAME = "plain-jdbc";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void apply(DataSource dataSource, Workload workload) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
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
		}
	}

	@Override
	public void check(DataSource dataSource, Workload workload) throws SQLException {
		BitSet applied = new BitSet(workload.size() + 1);
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT version FROM plain_history")) {
			while (rows.next()) {
				applied.set(rows.getInt(1));
			}
		}
		if (applied.cardinality() != workload.size()) {
			throw new IllegalStateException("plain-jdbc found " + applied.cardinality() + " applied");
		}
	}

	@Override
	public void rollback(DataSource dataSource, Workload workload) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement();
					PreparedStatement history = connection.prepareStatement("DELETE FROM plain_history WHERE version = ?")) {
				for (int i = workload.size(); i >= 1; i--) {
					statement.execute(workload.rollbackSql(i));
					history.setInt(1, i);
					history.executeUpdate();
					connection.commit();
				}
			}
		}
	}

	@Override
	public boolean canRollBack() {
		return true;
	}

}
