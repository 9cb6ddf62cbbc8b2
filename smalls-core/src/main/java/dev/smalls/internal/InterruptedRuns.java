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
import dev.smalls.dialect.SmallsTables;
import dev.smalls.dialect.StepStatements;

/**
 * The marks of steps that may be in effect in part (golang-migrate's "dirty" flag, but per
 * migration and, for a schema migration, with its progress), in
 * {@code <history table>_interrupted}. A migration's mark is written in its own transaction
 * ({@code StepStatements}), so it is committed only if part of the migration was: DDL on a
 * database that commits it at once, or a {@code COMMIT} of the migration's own. A schema
 * migration on such a database, and any migration that is not transactional, is marked
 * before it starts instead, the mark updated and committed as each of its operations takes
 * effect. Either way the mark is deleted in the transaction that records the step, so a
 * mark left behind by a killed or failed step says what may be in effect, and nothing runs
 * past it until it is repaired. Internal: not for use outside smalls.
 */
final class InterruptedRuns {

	private final String table;

	private final SmallsDialect dialect;

	/** Whether the table is known to exist: under the lock, once the layout was checked. */
	private boolean exists;

	InterruptedRuns(String historyTable, SmallsDialect dialect) {
		this.table = tableFor(historyTable);
		this.dialect = dialect;
	}

	/**
	 * The table of marks that goes with a history table.
	 * @param historyTable the history table
	 * @return its marks table
	 */
	static String tableFor(String historyTable) {
		return new SmallsTables(historyTable).marks();
	}

	/** The table exists: smalls' tables were brought to this smalls' layout, which has it. */
	void exists() {
		this.exists = true;
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
	 * Mark a step as started, committed on its own before the step runs.
	 * @param connection the run's connection, in auto-commit mode
	 * @param mark the mark, at state 0 for a migrate or the migration's size for a rollback
	 * @throws SQLException on failure
	 */
	void begin(Connection connection, Interrupted mark) throws SQLException {
		if (!this.exists) {
			throw new IllegalStateException("The marks table is written under the lock only, after the layout check");
		}
		try (PreparedStatement insert = connection.prepareStatement(this.dialect.insertMark(this.table))) {
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
	 * A step that started and did not finish: a schema migration's with its progress, or a
	 * migration of code's ({@link #isCode()}).
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

		/**
		 * Whether the mark is a migration of code's, whose operations smalls does not know.
		 * @return {@code true} for code
		 */
		boolean isCode() {
			return StepStatements.Step.CODE.equals(this.fingerprint);
		}

	}

}
