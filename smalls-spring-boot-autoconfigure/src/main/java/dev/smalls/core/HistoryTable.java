package dev.smalls.core;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SmallsDialect;

/**
 * Reads and writes the history table: one row per applied migration.
 */
public final class HistoryTable {

	/** The table name goes into SQL text: allow an identifier, optionally schema-qualified, and nothing else. */
	private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

	private final String table;

	private final String select;

	private final String selectApplied;

	private final String selectSequences;

	private final String insert;

	private final String delete;

	public HistoryTable(String table) {
		if (!isValidName(table)) {
			throw new IllegalArgumentException("'" + table + "' is not a usable history table name: use letters, "
					+ "digits and underscores, optionally prefixed by a schema and a dot (e.g. smalls_history)");
		}
		this.table = table;
		this.select = "SELECT sequence_no, name, batch, applied_at, execution_ms, applied_by FROM " + table;
		this.selectApplied = "SELECT sequence_no, batch FROM " + table;
		this.selectSequences = "SELECT sequence_no FROM " + table;
		this.insert = "INSERT INTO " + table
				+ " (sequence_no, name, batch, applied_at, execution_ms, applied_by) VALUES (?, ?, ?, ?, ?, ?)";
		this.delete = "DELETE FROM " + table + " WHERE sequence_no = ?";
	}

	/**
	 * Whether a name can be used as a history table name.
	 * @param table the name
	 * @return {@code true} for an identifier, optionally schema-qualified
	 */
	public static boolean isValidName(@Nullable String table) {
		return table != null && SAFE_NAME.matcher(table).matches();
	}

	/**
	 * The table's name.
	 * @return the name
	 */
	public String name() {
		return this.table;
	}

	/**
	 * Read the whole history in one query.
	 * @param connection the session's connection
	 * @return the history, or {@code null} if the table does not exist yet
	 * @throws SQLException if the table exists but cannot be read
	 */
	public @Nullable History readIfExists(Connection connection) throws SQLException {
		return query(connection, this.select, (rs) -> {
			List<HistoryRow> rows = new ArrayList<>();
			while (rs.next()) {
				rows.add(new HistoryRow(rs.getInt(1), rs.getString(2), rs.getInt(3), toInstant(rs.getTimestamp(4)),
						rs.getLong(5), rs.getString(6)));
			}
			return new History(rows);
		});
	}

	/**
	 * Read only what planning a migrate needs, sequences and batches, into primitive arrays.
	 * The rows carry no name, time or user.
	 * @param connection the session's connection
	 * @return the applied sequences and batches, or {@code null} if the table does not exist
	 * @throws SQLException if the table exists but cannot be read
	 */
	public @Nullable History readAppliedIfExists(Connection connection) throws SQLException {
		return query(connection, this.selectApplied, (rs) -> readPrimitive(rs, true));
	}

	/**
	 * Read only the applied sequences: the start-up check of every restart, which has to
	 * learn that nothing is pending, kept as cheap as the table allows. The history it
	 * returns knows no batches.
	 * @param connection the session's connection
	 * @return the applied sequences, or {@code null} if the table does not exist
	 * @throws SQLException if the table exists but cannot be read
	 */
	public @Nullable History readSequencesIfExists(Connection connection) throws SQLException {
		return query(connection, this.selectSequences, (rs) -> readPrimitive(rs, false));
	}

	private static History readPrimitive(ResultSet rs, boolean withBatches) throws SQLException {
		int[] sequences = new int[64];
		int @Nullable [] batches = withBatches ? new int[64] : null;
		int count = 0;
		while (rs.next()) {
			if (count == sequences.length) {
				sequences = Arrays.copyOf(sequences, count * 2);
				batches = (batches != null) ? Arrays.copyOf(batches, count * 2) : null;
			}
			sequences[count] = rs.getInt(1);
			if (batches != null) {
				batches[count] = rs.getInt(2);
			}
			count++;
		}
		return History.ofApplied(sequences, batches, count);
	}

	/**
	 * Plain JDBC, not a template: the start-up check is often the first database work of a
	 * fresh JVM, and it should not pay for loading more than it uses.
	 */
	private @Nullable History query(Connection connection, String sql, Extractor extractor) throws SQLException {
		try {
			return run(connection, sql, extractor);
		}
		catch (SQLException ex) {
			// Only a missing table is expected here; anything else (permissions, a broken table) must surface.
			// Most databases say so in the SQL state; for the others, ask the metadata.
			if (isMissingTable(ex) || !exists(connection)) {
				return null;
			}
			// Another instance may have created it between the query and the check: read again,
			// and if that fails too, the failure is real.
			try {
				return run(connection, sql, extractor);
			}
			catch (SQLException retryFailure) {
				retryFailure.addSuppressed(ex);
				throw retryFailure;
			}
		}
	}

	/**
	 * Whether the database said the table does not exist: {@code 42S02} (the X/Open code that
	 * H2, MySQL, MariaDB, SQL Server and others use) or PostgreSQL's {@code 42P01}. The query
	 * names no other table, so the history table is the one missing.
	 */
	private static boolean isMissingTable(SQLException ex) {
		String state = ex.getSQLState();
		return "42S02".equals(state) || "42P01".equals(state);
	}

	private static History run(Connection connection, String sql, Extractor extractor) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			return extractor.extract(rs);
		}
		catch (SQLException ex) {
			// A failed statement aborts a PostgreSQL transaction: leave the connection usable.
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
			throw ex;
		}
	}

	/**
	 * Create the table. Call under the migration lock, after a read found none.
	 * @param connection the session's connection
	 * @param dialect the database's dialect
	 * @throws SQLException on failure
	 */
	public void create(Connection connection, SmallsDialect dialect) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE " + this.table + " (sequence_no INT NOT NULL PRIMARY KEY, "
					+ "name VARCHAR(100) NOT NULL, batch INT NOT NULL, applied_at " + dialect.timestampType()
					+ " NOT NULL, execution_ms BIGINT NOT NULL, applied_by VARCHAR(255) NOT NULL)");
		}
	}

	/**
	 * A writer of history rows on one connection, its statements prepared once and reused
	 * for every migration of a run.
	 * @param connection the session's connection
	 * @return a writer; close it before the connection
	 */
	public Writer writer(Connection connection) {
		return new Writer(connection);
	}

	/**
	 * Writes history rows on one connection, in the transactions of the migrations.
	 */
	public final class Writer implements AutoCloseable {

		private final Connection connection;

		private @Nullable PreparedStatement insert;

		private @Nullable PreparedStatement delete;

		private Writer(Connection connection) {
			this.connection = connection;
		}

		/**
		 * Record an applied migration, in the migration's transaction.
		 * @param row the row
		 * @throws SQLException on failure
		 */
		public void insert(HistoryRow row) throws SQLException {
			PreparedStatement statement = this.insert;
			if (statement == null) {
				statement = this.connection.prepareStatement(HistoryTable.this.insert);
				this.insert = statement;
			}
			statement.setInt(1, row.sequence());
			statement.setString(2, row.name());
			statement.setInt(3, row.batch());
			statement.setTimestamp(4, Timestamp.from(row.appliedAt()));
			statement.setLong(5, row.executionMillis());
			statement.setString(6, row.appliedBy());
			statement.executeUpdate();
		}

		/**
		 * Forget a rolled-back migration, in the rollback's transaction.
		 * @param sequence the sequence
		 * @throws SQLException on failure
		 */
		public void delete(int sequence) throws SQLException {
			PreparedStatement statement = this.delete;
			if (statement == null) {
				statement = this.connection.prepareStatement(HistoryTable.this.delete);
				this.delete = statement;
			}
			statement.setInt(1, sequence);
			statement.executeUpdate();
		}

		@Override
		public void close() throws SQLException {
			SQLException failure = null;
			for (PreparedStatement statement : new PreparedStatement[] { this.insert, this.delete }) {
				if (statement != null) {
					try {
						statement.close();
					}
					catch (SQLException ex) {
						failure = ex;
					}
				}
			}
			if (failure != null) {
				throw failure;
			}
		}

	}

	@FunctionalInterface
	private interface Extractor {

		History extract(ResultSet rs) throws SQLException;

	}

	private boolean exists(Connection connection) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		int dot = this.table.indexOf('.');
		String name = this.table.substring(dot + 1);
		// Unqualified: look where the connection resolves names, not in every schema on the server.
		String[][] places = (dot < 0) ? new String[][] { { connection.getCatalog(), connection.getSchema() } }
				: new String[][] { { null, this.table.substring(0, dot) }, { this.table.substring(0, dot), null } };
		for (String[] place : places) {
			for (boolean upper : new boolean[] { false, true }) {
				String catalog = (place[0] != null && place[1] != null) ? place[0] : cased(place[0], upper);
				try (ResultSet tables = metaData.getTables(catalog, cased(place[1], upper), cased(name, upper), null)) {
					if (tables.next()) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static @Nullable String cased(@Nullable String identifier, boolean upper) {
		if (identifier == null) {
			return null;
		}
		return upper ? identifier.toUpperCase(Locale.ROOT) : identifier.toLowerCase(Locale.ROOT);
	}

	private static Instant toInstant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : Instant.EPOCH;
	}

}
