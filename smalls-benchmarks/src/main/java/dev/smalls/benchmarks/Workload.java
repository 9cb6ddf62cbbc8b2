package dev.smalls.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * N migrations, each one small DML statement with its inverse, the same for every contender.
 * Migration i inserts row i into {@code bench_data}; its rollback deletes it.
 *
 * @param size how many migrations
 */
record Workload(int size) {

	String migrateSql(int i) {
		return "INSERT INTO bench_data (id, v) VALUES (" + i + ", 'x')";
	}

	String rollbackSql(int i) {
		return "DELETE FROM bench_data WHERE id = " + i;
	}

	/**
	 * Create the table the migrations write to; not part of any measurement.
	 */
	static void prepare(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE bench_data (id INT PRIMARY KEY, v VARCHAR(10))");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
