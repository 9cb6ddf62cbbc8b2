package dev.smalls.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.dialect.SmallsDialect;

/**
 * The marks of schema migrations that were interrupted part-way on a database that commits
 * DDL at once (golang-migrate's "dirty" flag, but per migration and with its progress): a row
 * in {@code <history table>_interrupted} is written before such a migration starts,
 * updated and committed as each of its operations takes effect, and deleted in the
 * transaction that records the migration. A row left behind by a killed process says which
 * operations may be in effect, so that repair can undo exactly those. The table is created
 * on first use. Internal: not for use outside smalls.
 */
final class InterruptedRuns {

	private final String table;

	private final SmallsDialect dialect;

	/** Whether the table is known to exist: then no DDL is sent for it. */
	private boolean exists;

	InterruptedRuns(String historyTable, SmallsDialect dialect) {
		this.table = historyTable + "_interrupted";
		this.dialect = dialect;
	}

	String table() {
		return this.table;
	}

	/**
	 * The interrupted runs, if any.
	 * @param connection the run's connection
	 * @return the marks, by sequence
	 * @throws SQLException if the table exists but cannot be read
	 */
	List<Interrupted> read(Connection connection) throws SQLException {
		List<Interrupted> marks = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT sequence_no, name, operation, certain, possible, "
						+ "fingerprint, started_at FROM " + this.table + " ORDER BY sequence_no")) {
			while (rows.next()) {
				Timestamp started = rows.getTimestamp(7);
				marks.add(new Interrupted(rows.getInt(1), rows.getString(2), Operation.valueOf(rows.getString(3)),
						rows.getInt(4), rows.getInt(5), rows.getString(6),
						(started != null) ? started.toInstant() : Instant.EPOCH));
			}
			this.exists = true;
		}
		catch (SQLException ex) {
			if (this.dialect.isMissingTable(connection, this.table, ex)) {
				return List.of();
			}
			throw ex;
		}
		return marks;
	}

	/**
	 * Mark a schema migration as started, committed on its own before the migration runs.
	 * @param connection the run's connection, in auto-commit mode
	 * @param mark the mark, at state 0 for a migrate or the migration's size for a rollback
	 * @throws SQLException on failure
	 */
	void begin(Connection connection, Interrupted mark) throws SQLException {
		// DDL only where the table is missing: a CREATE that fails because the table exists
		// still runs on every node of a Galera cluster, and fills H2's trace file.
		if (!this.exists) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE " + this.table + " (sequence_no INT NOT NULL PRIMARY KEY, "
						+ "name VARCHAR(100) NOT NULL, operation VARCHAR(10) NOT NULL, certain INT NOT NULL, "
						+ "possible INT NOT NULL, fingerprint VARCHAR(64) NOT NULL, started_at "
						+ this.dialect.timestampType() + " NOT NULL)");
			}
			catch (SQLException ex) {
				if (!this.dialect.isAlreadyExists(ex)) {
					throw ex;
				}
			}
			this.exists = true;
		}
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.table
				+ " (sequence_no, name, operation, certain, possible, fingerprint, started_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
			insert.setInt(1, mark.sequence());
			insert.setString(2, mark.name());
			insert.setString(3, mark.operation().name());
			insert.setInt(4, mark.certain());
			insert.setInt(5, mark.possible());
			insert.setString(6, mark.fingerprint());
			insert.setTimestamp(7, Timestamp.from(mark.startedAt()));
			insert.executeUpdate();
		}
	}

	/**
	 * Record progress and commit it, with everything the migration has done so far: on this
	 * database its operations commit as they complete anyway.
	 * @param connection the run's connection
	 * @param sequence the migration
	 * @param certain the lowest state it may be in
	 * @param possible the highest
	 * @throws SQLException on failure
	 */
	void progress(Connection connection, int sequence, int certain, int possible) throws SQLException {
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE " + this.table + " SET certain = ?, possible = ? WHERE sequence_no = ?")) {
			update.setInt(1, certain);
			update.setInt(2, possible);
			update.setInt(3, sequence);
			update.executeUpdate();
		}
		if (!connection.getAutoCommit()) {
			connection.commit();
		}
	}

	/**
	 * Remove a mark: in the transaction that records the migration, or after a failure that
	 * left the schema as it was.
	 * @param connection the run's connection
	 * @param sequence the migration
	 * @throws SQLException on failure
	 */
	void end(Connection connection, int sequence) throws SQLException {
		try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + this.table
				+ " WHERE sequence_no = ?")) {
			delete.setInt(1, sequence);
			delete.executeUpdate();
		}
	}

	/**
	 * A schema migration that started and did not finish.
	 *
	 * @param sequence its sequence
	 * @param name its name
	 * @param operation whether it was being applied or rolled back
	 * @param certain the lowest state it may have reached: operations 1 to this are in effect
	 * @param possible the highest state it may have reached
	 * @param fingerprint its operations' digest, to recognise the code that ran
	 * @param startedAt when it started
	 */
	record Interrupted(int sequence, String name, Operation operation, int certain, int possible, String fingerprint,
			Instant startedAt) {
	}

}
