package dev.smalls.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.smalls.dialect.H2Dialect;
import dev.smalls.dialect.TableLockDialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading the history table while another instance may be creating it.
 */
class HistoryTableTests {

	private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final Connection connection = connect();

	private final HistoryTable table = new HistoryTable("smalls_history");

	private final H2Dialect dialect = new H2Dialect();

	@AfterEach
	void close() throws SQLException {
		this.connection.close();
	}

	@Test
	void aMissingTableReadsAsNoHistory() throws SQLException {
		assertThat(this.table.read(this.connection, this.dialect)).isNull();
		assertThat(this.table.readSequences(this.connection, this.dialect)).isNull();
	}

	@Test
	void whatIsWrittenIsReadBack() throws SQLException {
		create(this.connection);
		insert(2, "b", 5);
		insert(1, "a", 3);
		History history = this.table.read(this.connection, this.dialect);
		assertThat(history.row(2).executionMillis()).isEqualTo(5);
		assertThat(history.row(1).appliedBy()).isEqualTo("me@host");
		assertThat(history.row(1).appliedAt()).isEqualTo(java.time.Instant.parse("2026-11-22T10:00:00Z"));
		assertThat(history.maxBatch()).isEqualTo(1);
		assertThat(this.table.readSequences(this.connection, this.dialect).current()).isEqualTo(2);
		try (java.sql.PreparedStatement delete = this.connection
			.prepareStatement(this.dialect.deleteHistory(this.table.name()))) {
			delete.setInt(1, 2);
			assertThat(delete.executeUpdate()).isOne();
		}
		assertThat(this.table.readSequences(this.connection, this.dialect).current()).isEqualTo(1);
	}

	private void create(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(new dev.smalls.dialect.SmallsTables(this.table.name()).createHistory(this.dialect.timestampType()));
		}
	}

	/** A row as the dialect's statement writes it. */
	private void insert(int sequence, String name, long millis) throws SQLException {
		try (java.sql.PreparedStatement insert = this.connection
			.prepareStatement(this.dialect.insertHistory(this.table.name()))) {
			insert.setInt(1, sequence);
			insert.setString(2, name);
			insert.setInt(3, 1);
			insert.setTimestamp(4, java.sql.Timestamp.from(java.time.Instant.parse("2026-11-22T10:00:00Z")));
			insert.setLong(5, millis);
			insert.setString(6, "me@host");
			insert.setString(7, null);
			insert.setString(8, null);
			insert.executeUpdate();
		}
	}

	@Test
	void aTableCreatedByAnotherInstanceDuringTheReadIsReadAgain() throws SQLException {
		// On a database whose error does not say which object is missing, the first query
		// fails as it would just before another instance creates the table:
		// a connection whose first statement creates the table from a second connection, then
		// runs a query that fails the way a missing table does.
		Connection racing = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Connection.class }, new java.lang.reflect.InvocationHandler() {

					private boolean first = true;

					@Override
					public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args)
							throws Throwable {
						if (method.getName().equals("createStatement") && this.first) {
							this.first = false;
							try (Connection other = connect(); Statement statement = other.createStatement()) {
								create(other);
								statement.execute("INSERT INTO smalls_history VALUES (1, 'a', 1, CURRENT_TIMESTAMP, 3, "
										+ "'other@host', NULL, NULL, NULL)");
							}
							// A state that does not say "no such table", as some databases report it:
							// smalls has to ask the metadata, and finds the table there.
							throw new SQLException("Table SMALLS_HISTORY not found", "42000");
						}
						try {
							return method.invoke(HistoryTableTests.this.connection, args);
						}
						catch (java.lang.reflect.InvocationTargetException ex) {
							throw ex.getCause();
						}
					}

				});
		// The generic dialect asks the metadata when the SQL state does not say "no such table".
		History history = this.table.read(racing, new TableLockDialect("Some database"));
		assertThat(history).isNotNull();
		assertThat(history.current()).isEqualTo(1);
	}

	@Test
	void aBrokenTableIsReportedNotMistakenForAMissingOne() throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("CREATE TABLE smalls_history (unrelated INT)");
		}
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> this.table.read(this.connection, this.dialect))
			.withMessageContaining("SEQUENCE_NO");
	}

	private Connection connect() {
		try {
			return DriverManager.getConnection(this.url, "sa", "");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
