package dev.smalls.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.FlywayAdoption;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;

/**
 * Reads Flyway's history table, as Flyway 5 to 12 lay it out, through plain SQL: nothing of
 * Flyway is needed. Internal: not for use outside smalls.
 */
final class FlywayHistoryReader {

	/** The columns read, in the order of {@link FlywayRow}'s. */
	static final List<String> COLUMNS = List.of("installed_rank", "version", "description", "type", "script",
			"checksum", "success");

	private FlywayHistoryReader() {
	}

	/**
	 * Every row, in the order Flyway installed them.
	 * @param connection the connection
	 * @param options where the table is
	 * @return the rows
	 * @throws SmallsValidationException if there is no such table, or it is not laid out as
	 * Flyway's
	 * @throws SQLException if it cannot be read
	 */
	static List<FlywayRow> read(Connection connection, FlywayAdoption options) throws SQLException {
		String shown = (options.schema() != null) ? options.schema() + "." + options.table() : options.table();
		ForeignTable table = ForeignTable.find(connection, options.schema(), options.table());
		if (table == null) {
			throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
					"There is no Flyway history table " + shown + " in this database. Nothing was recorded.",
					"Name the table Flyway used (its table and schemas settings): adopt flyway --table <name> "
							+ "--schema <schema>.");
		}
		List<String> missing = table.missing(COLUMNS);
		if (!missing.isEmpty()) {
			throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
					"The table " + shown + " is not laid out as Flyway's history (Flyway 5 to 12): it has no column "
							+ String.join(", ", missing) + ". Nothing was recorded.",
					"Check that it is Flyway's history table; with an older Flyway, run a current Flyway's info or "
							+ "migrate once (it upgrades the table), then adopt again.");
		}
		List<FlywayRow> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						table.select(COLUMNS, "ORDER BY " + table.column("installed_rank")))) {
			while (rs.next()) {
				int checksum = rs.getInt(6);
				Integer recorded = rs.wasNull() ? null : checksum;
				rows.add(new FlywayRow(rs.getInt(1), rs.getString(2), text(rs.getString(3)), text(rs.getString(4)),
						text(rs.getString(5)), recorded, rs.getBoolean(7)));
			}
		}
		return rows;
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

	/**
	 * One row of Flyway's history.
	 *
	 * @param rank its installed rank
	 * @param version its version, {@code null} for a repeatable migration or a marker
	 * @param description its description
	 * @param type its type ({@code SQL}, {@code JDBC}, {@code BASELINE}, {@code UNDO_SQL},
	 * {@code DELETE}, ...)
	 * @param script the script or class
	 * @param checksum its checksum, {@code null} if none
	 * @param success whether it succeeded
	 */
	record FlywayRow(int rank, @Nullable String version, String description, String type, String script,
			@Nullable Integer checksum, boolean success) {

		String shown() {
			return ((this.version != null) ? "V" + this.version + " " : "") + this.description + " (" + this.type
					+ ((this.script.isEmpty()) ? "" : ", " + this.script) + ")";
		}

	}

}
