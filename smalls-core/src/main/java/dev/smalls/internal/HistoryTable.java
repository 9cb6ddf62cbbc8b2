package dev.smalls.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsTables;

/**
 * Reads and writes the history table, one row per applied migration, with the SQL its
 * dialect gives. Plain JDBC rather than a template: the start-up check is often a fresh
 * JVM's first database work, and should not load more than it uses. Internal: not for use
 * outside smalls.
 */
final class HistoryTable {

	private final String name;

	public HistoryTable(String name) {
		// The name goes into SQL text: an identifier, optionally schema-qualified, and nothing else.
		this.name = new SmallsTables(name).history();
	}

	/**
	 * The table's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Read the applied sequences: what every start-up needs, and nothing more.
	 * @param connection the run's connection
	 * @param dialect the database's dialect
	 * @return the sequences, or {@code null} if the table does not exist
	 * @throws SQLException if the table exists but cannot be read
	 */
	public @Nullable AppliedSequences readSequences(Connection connection, SmallsDialect dialect) throws SQLException {
		return query(connection, dialect, dialect.selectAppliedSequences(this.name), (rs) -> {
			int[] sequences = new int[64];
			int count = 0;
			while (rs.next()) {
				if (count == sequences.length) {
					sequences = Arrays.copyOf(sequences, count * 2);
				}
				sequences[count++] = rs.getInt(1);
			}
			return AppliedSequences.of(sequences, count);
		});
	}

	/**
	 * Read the applied sequences and the checksums recorded for them: what a start-up reads
	 * when the migrations have checksums to compare.
	 * @param connection the run's connection, in auto-commit mode
	 * @param dialect the database's dialect
	 * @return the sequences, or {@code null} if the table does not exist
	 * @throws SQLException if the table exists but cannot be read
	 */
	public @Nullable AppliedSequences readChecksums(Connection connection, SmallsDialect dialect) throws SQLException {
		try {
			// Tried once, without the missing-table checks: tables of an older layout (nothing
			// applied since this smalls arrived) fail it at every start, and the sequences alone,
			// read as before, answer both that and a missing table.
			return run(connection, dialect.selectAppliedChecksums(this.name), (rs) -> {
				int[] sequences = new int[64];
				@Nullable String[] checksums = new String[64];
				int count = 0;
				while (rs.next()) {
					if (count == sequences.length) {
						sequences = Arrays.copyOf(sequences, count * 2);
						checksums = Arrays.copyOf(checksums, count * 2);
					}
					sequences[count] = rs.getInt(1);
					checksums[count++] = rs.getString(2);
				}
				return AppliedSequences.of(sequences, checksums, count);
			});
		}
		catch (SQLException ex) {
			return readSequences(connection, dialect);
		}
	}

	/**
	 * Read every row.
	 * @param connection the run's connection
	 * @param dialect the database's dialect
	 * @return the history, or {@code null} if the table does not exist
	 * @throws SQLException if the table exists but cannot be read
	 */
	public @Nullable History read(Connection connection, SmallsDialect dialect) throws SQLException {
		if (!connection.getAutoCommit()) {
			// Under the lock the tables have this smalls' layout: any failure is real.
			return query(connection, dialect, dialect.selectHistory(this.name), HistoryTable::rows);
		}
		try {
			return run(connection, dialect.selectHistory(this.name), HistoryTable::rows);
		}
		catch (SQLException ex) {
			// Tables of an older layout, not upgraded yet: rows without origins (layouts 3 and 4),
			// without checksums (before 3), or none.
			try {
				return run(connection, "SELECT sequence_no, name, batch, applied_at, execution_ms, applied_by, "
						+ "checksum FROM " + this.name, HistoryTable::rows);
			}
			catch (SQLException older) {
				try {
					return query(connection, dialect,
							"SELECT sequence_no, name, batch, applied_at, execution_ms, applied_by FROM " + this.name,
							HistoryTable::rows);
				}
				catch (SQLException oldest) {
					oldest.addSuppressed(ex);
					throw oldest;
				}
			}
		}
	}

	private static History rows(ResultSet rs) throws SQLException {
		int columns = rs.getMetaData().getColumnCount();
		List<HistoryRow> rows = new ArrayList<>();
		while (rs.next()) {
			Timestamp appliedAt = rs.getTimestamp(4);
			rows.add(new HistoryRow(rs.getInt(1), rs.getString(2), rs.getInt(3),
					(appliedAt != null) ? appliedAt.toInstant() : Instant.EPOCH, rs.getLong(5), rs.getString(6),
					(columns >= 7) ? rs.getString(7) : null, (columns >= 8) ? rs.getString(8) : null));
		}
		return new History(rows);
	}

	/**
	 * Record a checksum a person accepted.
	 * @param connection the run's connection, under the lock
	 * @param dialect the database's dialect
	 * @param sequence the migration's sequence
	 * @param checksum the checksum
	 * @return whether the row was there
	 * @throws SQLException on failure
	 */
	public boolean updateChecksum(Connection connection, SmallsDialect dialect, int sequence, String checksum)
			throws SQLException {
		try (java.sql.PreparedStatement update = connection.prepareStatement(dialect.updateChecksum(this.name))) {
			update.setString(1, checksum);
			update.setInt(2, sequence);
			return update.executeUpdate() == 1;
		}
	}

	private <T> @Nullable T query(Connection connection, SmallsDialect dialect, String sql, Extractor<T> extractor)
			throws SQLException {
		try {
			return run(connection, sql, extractor);
		}
		catch (SQLException ex) {
			// Only a missing table is expected; anything else (rights, a broken table) must surface.
			if (dialect.isMissingTable(connection, this.name, ex)) {
				return null;
			}
			// Another instance may have created it between the query and the check: once more,
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

	private static <T> T run(Connection connection, String sql, Extractor<T> extractor) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			return extractor.extract(rs);
		}
	}

	@FunctionalInterface
	private interface Extractor<T> {

		T extract(ResultSet rs) throws SQLException;

	}

}
