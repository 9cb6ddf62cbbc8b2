package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.lock.RowLockWaits;

/**
 * H2: the row lock of the portable dialect, with H2's own lock timeout (H2 waits for row
 * locks by {@code LOCK_TIMEOUT}, not by the JDBC query timeout), or a lease. H2 commits DDL
 * implicitly.
 */
public class H2Dialect extends TableLockDialect {

	public H2Dialect() {
		super("H2");
	}

	@Override
	protected RowLockWaits waits() {
		return new RowLockWaits() {

			@Override
			public @Nullable Object apply(Connection connection, Duration timeout) throws SQLException {
				try (Statement statement = connection.createStatement()) {
					Integer previous = null;
					try (ResultSet result = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
						if (result.next()) {
							previous = result.getInt(1);
						}
					}
					statement.execute("SET LOCK_TIMEOUT " + Math.min(Integer.MAX_VALUE, timeout.toMillis()));
					return previous;
				}
			}

			@Override
			public void restore(Connection connection, @Nullable Object previous) throws SQLException {
				if (previous != null) {
					try (Statement statement = connection.createStatement()) {
						statement.execute("SET LOCK_TIMEOUT " + previous);
					}
				}
			}

			@Override
			public boolean isTimeout(SQLException ex) {
				// 50200: "Timeout trying to lock table"
				return ex.getErrorCode() == 50200 || RowLockWaits.super.isTimeout(ex);
			}

		};
	}

	@Override
	public SchemaDdl schemaDdl() {
		return new H2SchemaDdl();
	}

	@Override
	public void useSchema(Connection connection, String schema) throws SQLException {
		// Unquoted, so that the name folds to upper case as it did in CREATE SCHEMA.
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET SCHEMA " + schema);
		}
	}

	/**
	 * H2 alters a table by copying it into {@code <table>_COPY_<session>_<n>}, then dropping
	 * the original and renaming the copy: a process killed in between leaves the copy.
	 */
	@Override
	public List<String> leftovers(Connection connection) throws SQLException {
		List<String> notes = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet tables = statement.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
						+ "WHERE TABLE_SCHEMA = SCHEMA() AND REGEXP_LIKE(TABLE_NAME, '^.+_COPY_[0-9]+_[0-9]+$')")) {
			while (tables.next()) {
				String copy = tables.getString(1);
				String original = copy.substring(0, copy.lastIndexOf("_COPY_"));
				notes.add("H2 left table " + copy + " behind: the copy of table " + original + " it makes while "
						+ "altering it, from an ALTER TABLE that a killed process interrupted. If " + original
						+ " is intact, drop it (DROP TABLE " + copy + "); if " + original + " is gone, " + copy
						+ " holds its rows.");
			}
		}
		return notes;
	}

	@Override
	public String inTransactionCondition() {
		return "AUTOCOMMIT() = FALSE";
	}

	@Override
	public boolean isMissingTable(Connection connection, String table, SQLException failure) {
		// 42102 "Table not found", 42103 "... candidates are", 42104 "... this database is
		// empty"; 90079 "Schema not found" for a qualified name.
		int code = failure.getErrorCode();
		return code == 42102 || code == 42103 || code == 42104 || code == 90079;
	}

	/**
	 * Registers this dialect for H2 ({@code META-INF/services}).
	 */
	public static final class Provider implements SmallsDialectProvider {

		@Override
		public boolean supports(String productName) {
			return productName.toLowerCase(java.util.Locale.ROOT).contains("h2");
		}

		@Override
		public SmallsDialect create(Connection connection) {
			return new H2Dialect();
		}

	}

}
