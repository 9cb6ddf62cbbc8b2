package dev.smalls.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The statements on {@code <history>_data}, the data migrations' progress: a row per data
 * migration started. A row changes only through a compare-and-set on what its writer saw
 * (its state, who runs it, how many batches are done), so two instances never both go on
 * from the same place. Internal: not for use outside smalls.
 */
final class DataTable {

	static final String RUNNING = "RUNNING";

	static final String PAUSED = "PAUSED";

	static final String CANCELLED = "CANCELLED";

	static final String FAILED = "FAILED";

	static final String COMPLETE = "COMPLETE";

	static final String DONE = "DONE";

	private static final String COLUMNS = "sequence_no, name, state, resume_at, rows_done, rows_total, batches, "
			+ "failures, run_by, batch_token, heartbeat_at, started_at, run_started_at, run_rows_from, updated_at, "
			+ "message";

	private final String table;

	DataTable(String table) {
		this.table = table;
	}

	String name() {
		return this.table;
	}

	Map<Integer, Row> readAll(Connection connection) throws SQLException {
		Map<Integer, Row> rows = new LinkedHashMap<>();
		try (PreparedStatement query = connection
			.prepareStatement("SELECT " + COLUMNS + " FROM " + this.table + " ORDER BY sequence_no");
				ResultSet result = query.executeQuery()) {
			while (result.next()) {
				Row row = row(result);
				rows.put(row.sequence(), row);
			}
		}
		return rows;
	}

	@Nullable Row read(Connection connection, int sequence) throws SQLException {
		try (PreparedStatement query = connection
			.prepareStatement("SELECT " + COLUMNS + " FROM " + this.table + " WHERE sequence_no = ?")) {
			query.setInt(1, sequence);
			try (ResultSet result = query.executeQuery()) {
				return result.next() ? row(result) : null;
			}
		}
	}

	/**
	 * Start a data migration no run has started; a duplicate key ({@link #isDuplicate}) if
	 * another instance inserted its row first.
	 */
	boolean start(Connection connection, int sequence, String name, String state, String by, long rowsTotal,
			Instant now) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.table + " (" + COLUMNS
				+ ") VALUES (?, ?, ?, NULL, 0, ?, 0, 0, ?, NULL, ?, ?, ?, 0, ?, NULL)")) {
			Timestamp at = Timestamp.from(now);
			insert.setInt(1, sequence);
			insert.setString(2, name);
			insert.setString(3, state);
			insert.setLong(4, rowsTotal);
			insert.setString(5, RUNNING.equals(state) ? by : null);
			insert.setTimestamp(6, RUNNING.equals(state) ? at : null);
			insert.setTimestamp(7, at);
			insert.setTimestamp(8, at);
			insert.setTimestamp(9, at);
			return insert.executeUpdate() == 1;
		}
	}

	/** Whether a failure is the duplicate key of a row another instance inserted first. */
	static boolean isDuplicate(SQLException ex) {
		return ex.getSQLState() != null && ex.getSQLState().startsWith("23");
	}

	/**
	 * Start again a data migration whose history row is gone (it was rolled back), from the
	 * beginning.
	 */
	boolean restart(Connection connection, int sequence, String by, long rowsTotal, Instant now) throws SQLException {
		return update(connection, "UPDATE " + this.table + " SET state = 'RUNNING', resume_at = NULL, rows_done = 0, "
				+ "rows_total = ?, batches = 0, failures = 0, run_by = ?, batch_token = NULL, heartbeat_at = ?, "
				+ "started_at = ?, run_started_at = ?, run_rows_from = 0, updated_at = ?, message = NULL "
				+ "WHERE sequence_no = ? AND state = 'DONE'", rowsTotal, by, now, now, now, now, sequence) == 1;
	}

	/**
	 * Take over a data migration nobody runs: resumed, failed, or run by an instance whose
	 * heartbeat stopped before {@code staleBefore}.
	 */
	boolean claim(Connection connection, Row seen, String by, long rowsLeft, Instant now, Instant staleBefore)
			throws SQLException {
		return update(connection, "UPDATE " + this.table + " SET state = 'RUNNING', run_by = ?, heartbeat_at = ?, "
				+ "run_started_at = ?, run_rows_from = rows_done, rows_total = "
				+ ((rowsLeft < 0) ? "-1" : "rows_done + " + rowsLeft) + ", updated_at = ?, message = NULL "
				+ "WHERE sequence_no = ? AND batch_token IS NULL AND batches = ? AND (state = 'FAILED' OR "
				+ "(state = 'RUNNING' AND (run_by IS NULL OR heartbeat_at IS NULL OR heartbeat_at < ?)))", by, now,
				now, now, seen.sequence(), seen.batches(), staleBefore) == 1;
	}

	/** Say that the instance running a data migration is alive: {@code false} if it no longer runs it. */
	boolean heartbeat(Connection connection, int sequence, String by, Instant now) throws SQLException {
		return update(connection, "UPDATE " + this.table + " SET heartbeat_at = ? WHERE sequence_no = ? AND "
				+ "run_by = ? AND state = 'RUNNING'", now, sequence, by) == 1;
	}

	/**
	 * In the batch's transaction, before its work: take the row, as it was after the batches
	 * done so far. Holds the row's lock until the batch commits, so a second instance, or a
	 * pause, waits for the batch.
	 */
	boolean enterBatch(Connection connection, int sequence, String by, long batches, String token, Instant now)
			throws SQLException {
		return update(connection, "UPDATE " + this.table + " SET batch_token = ?, heartbeat_at = ? WHERE "
				+ "sequence_no = ? AND run_by = ? AND state = 'RUNNING' AND batches = ? AND batch_token IS NULL",
				token, now, sequence, by, batches) == 1;
	}

	/** In the batch's transaction, after its work: record it, and where the next batch starts. */
	boolean recordBatch(Connection connection, int sequence, String token, long rows, @Nullable String next,
			Instant now) throws SQLException {
		return update(connection, "UPDATE " + this.table + " SET batches = batches + 1, rows_done = rows_done + ?, "
				+ "resume_at = ?, state = ?, batch_token = NULL, heartbeat_at = ?, updated_at = ? WHERE "
				+ "sequence_no = ? AND batch_token = ?", rows, next, (next != null) ? RUNNING : COMPLETE, now, now,
				sequence, token) == 1;
	}

	/** Count a failed batch; with {@code stop}, leave the migration failed. */
	void failed(Connection connection, int sequence, String by, String message, boolean stop, Instant now)
			throws SQLException {
		update(connection, "UPDATE " + this.table + " SET failures = failures + 1, message = ?, updated_at = ?"
				+ (stop ? ", state = 'FAILED'" : "") + " WHERE sequence_no = ? AND run_by = ? AND state = 'RUNNING'",
				shorten(message), now, sequence, by);
	}

	/**
	 * A batch committed part of its work on its own (its token is committed): leave the
	 * migration failed with why, once. {@code true} if this call changed it.
	 */
	boolean failPartlyCommitted(Connection connection, int sequence, String token, String message, Instant now)
			throws SQLException {
		return update(connection, "UPDATE " + this.table + " SET state = 'FAILED', message = ?, run_by = NULL, "
				+ "heartbeat_at = NULL, updated_at = ? WHERE sequence_no = ? AND batch_token = ? AND state <> 'FAILED'",
				shorten(message), now, sequence, token) == 1;
	}

	/** Move a started data migration from one of the given states to another, for an operator. */
	boolean change(Connection connection, int sequence, String to, String message, Instant now, String... from)
			throws SQLException {
		StringBuilder states = new StringBuilder();
		for (String state : from) {
			states.append((states.length() > 0) ? ", '" : "'").append(state).append('\'');
		}
		String release = RUNNING.equals(to) ? ", run_by = NULL, heartbeat_at = NULL" : "";
		return update(connection, "UPDATE " + this.table + " SET state = ?, message = ?, updated_at = ?" + release
				+ " WHERE sequence_no = ? AND state IN (" + states + ")", to, shorten(message), now, sequence) == 1;
	}

	/** Under the migration lock, with the history row: the last batch's record becomes done. */
	boolean finish(Connection connection, int sequence, Instant now) throws SQLException {
		return update(connection, "UPDATE " + this.table + " SET state = 'DONE', run_by = NULL, heartbeat_at = NULL, "
				+ "updated_at = ? WHERE sequence_no = ? AND state = 'COMPLETE'", now, sequence) == 1;
	}

	private static String shorten(String message) {
		return (message.length() > 1000) ? message.substring(0, 997) + "..." : message;
	}

	private static int update(Connection connection, String sql, @Nullable Object... parameters) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				Object parameter = parameters[i];
				if (parameter instanceof Instant instant) {
					update.setTimestamp(i + 1, Timestamp.from(instant));
				}
				else if (parameter instanceof Integer number) {
					update.setInt(i + 1, number);
				}
				else if (parameter instanceof Long number) {
					update.setLong(i + 1, number);
				}
				else if (parameter == null) {
					update.setNull(i + 1, Types.VARCHAR);
				}
				else {
					update.setString(i + 1, parameter.toString());
				}
			}
			return update.executeUpdate();
		}
	}

	private static Row row(ResultSet result) throws SQLException {
		return new Row(result.getInt(1), result.getString(2), result.getString(3), result.getString(4),
				result.getLong(5), result.getLong(6), result.getLong(7), result.getInt(8), result.getString(9),
				result.getString(10), instant(result.getTimestamp(11)), instant(result.getTimestamp(12)),
				instant(result.getTimestamp(13)), result.getLong(14), instant(result.getTimestamp(15)),
				result.getString(16));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** A data migration's row. */
	record Row(int sequence, String name, String state, @Nullable String resumeAt, long rowsDone, long rowsTotal,
			long batches, int failures, @Nullable String runBy, @Nullable String batchToken,
			@Nullable Instant heartbeatAt, @Nullable Instant startedAt, @Nullable Instant runStartedAt,
			long runRowsFrom, @Nullable Instant updatedAt, @Nullable String message) {

		/** This row as a batch that processed {@code rows} and ended at {@code next} leaves it. */
		Row afterBatch(long rows, @Nullable String next, Instant now) {
			return new Row(this.sequence, this.name, (next != null) ? RUNNING : COMPLETE, next, this.rowsDone + rows,
					this.rowsTotal, this.batches + 1, this.failures, this.runBy, null, now, this.startedAt,
					this.runStartedAt, this.runRowsFrom, now, this.message);
		}

		/** The rate of the current (or last) run, in rows per second. */
		double rowsPerSecond() {
			if (this.runStartedAt == null || this.updatedAt == null) {
				return 0;
			}
			long millis = this.updatedAt.toEpochMilli() - this.runStartedAt.toEpochMilli();
			long rows = this.rowsDone - this.runRowsFrom;
			return (millis <= 0 || rows <= 0) ? 0 : rows * 1000.0 / millis;
		}

	}

}
