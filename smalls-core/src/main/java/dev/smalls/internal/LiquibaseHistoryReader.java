package dev.smalls.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.smalls.LiquibaseAdoption;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;

/**
 * Reads Liquibase's change log table (and its lock table) through plain SQL, and makes of it
 * one baseline: the change log is frozen, and new work goes to smalls. Refuses while
 * Liquibase's lock is held (a run under way, or killed), when a change set is recorded as
 * failed or skipped, and when the change log has change sets this database has not run. Those
 * cannot be seen in the database: whoever has the change log lists them
 * ({@link LiquibaseAdoption#pendingChangeSets()}); when nobody did, the notes say to check with
 * {@code liquibase status}. Internal: not for use outside smalls.
 */
final class LiquibaseHistoryReader {

	private static final int SHOWN_PENDING = 10;

	private static final List<String> COLUMNS = List.of("id", "author", "filename", "orderexecuted", "exectype");

	private LiquibaseHistoryReader() {
	}

	/**
	 * The baseline that stands for the change log.
	 * @param connection the connection
	 * @param options where the tables are, and the baseline's sequence
	 * @param catalog the migrations in the code
	 * @return the plan
	 * @throws SmallsValidationException if the table is missing or not Liquibase's, the lock
	 * is held, a change set failed, or change sets are pending
	 * @throws SQLException if the tables cannot be read
	 */
	static Adoption.Plan plan(Connection connection, LiquibaseAdoption options, MigrationCatalog catalog)
			throws SQLException {
		if (options.sequence() < 0) {
			throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(),
					"The baseline's sequence must be 0 or more, not " + options.sequence() + ".",
					"Leave it out (0: the first smalls migration is then 1), or pass the highest sequence of the "
							+ "smalls migrations that stand for part of the change log.");
		}
		String shown = (options.schema() != null) ? options.schema() + "." + options.table() : options.table();
		ForeignTable table = ForeignTable.find(connection, options.schema(), options.table());
		if (table == null) {
			throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
					"There is no Liquibase change log table " + shown + " in this database. Nothing was recorded.",
					"Name the table Liquibase used (its databaseChangeLogTableName and liquibaseSchemaName): adopt "
							+ "liquibase --table <name> --schema <schema>.");
		}
		List<String> missing = table.missing(COLUMNS);
		if (!missing.isEmpty()) {
			throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
					"The table " + shown + " is not laid out as Liquibase's change log: it has no column "
							+ String.join(", ", missing) + ". Nothing was recorded.",
					"Check that it is Liquibase's change log table.");
		}
		refuseIfLocked(connection, options);
		List<String> unfinished = new ArrayList<>();
		int count = 0;
		String last = null;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(table.select(COLUMNS, "ORDER BY " + table.column("orderexecuted")))) {
			while (rs.next()) {
				String changeSet = rs.getString(3) + "::" + rs.getString(1) + "::" + rs.getString(2);
				String type = String.valueOf(rs.getString(5)).toUpperCase(Locale.ROOT);
				switch (type) {
					case "EXECUTED", "RERAN", "MARK_RAN" -> {
						count++;
						last = changeSet;
					}
					default -> unfinished.add(changeSet + " (" + type + ")");
				}
			}
		}
		if (!unfinished.isEmpty()) {
			throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
					"Liquibase's change log records change sets that did not run to the end: "
							+ String.join(", ", unfinished) + ". Nothing was recorded.",
					"Finish them with Liquibase first (liquibase update, or liquibase status to see what is "
							+ "pending), then adopt again: the change log is frozen by the adoption.");
		}
		refuseIfPending(options);
		if (count == 0) {
			throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
					"Liquibase's change log " + shown + " records no change set: there is nothing to adopt. Nothing "
							+ "was recorded.",
					"Run liquibase update first if its change sets should be applied, or start with smalls alone.");
		}
		String origin = Origins.fit(Origins.BASELINE + " liquibase " + count + " change set" + ((count == 1) ? "" : "s")
				+ " in " + shown + ", last " + last, "");
		int next = options.sequence() + 1;
		String frozen = "The change log is frozen: Liquibase must not run it again here. Write new changes as smalls "
				+ "migrations from " + MigrationNames.display(next);
		return Adoption.baseline("liquibase " + shown, catalog, options.sequence(), origin, "liquibase",
				List.of((options.pendingChangeSets() != null) ? frozen + "; the change log was checked: no change set "
						+ "of it is pending on this database."
						: frozen + "; run liquibase status before adopting on every other database (change sets it "
								+ "has not run cannot be seen in the database)."));
	}

	private static void refuseIfPending(LiquibaseAdoption options) {
		List<String> pending = options.pendingChangeSets();
		if (pending == null || pending.isEmpty()) {
			return;
		}
		String shown = String.join(", ", pending.subList(0, Math.min(pending.size(), SHOWN_PENDING)))
				+ ((pending.size() > SHOWN_PENDING) ? " and " + (pending.size() - SHOWN_PENDING) + " more" : "");
		throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
				"The change log has " + pending.size() + " change set" + ((pending.size() == 1) ? "" : "s")
						+ " this database has not run: " + shown + ". The adoption freezes the change log, so "
						+ ((pending.size() == 1) ? "it" : "they") + " would never run. Nothing was recorded.",
				"Apply them with liquibase update, or, if they will never run here, remove them from the change "
						+ "log (or leave them out with its contexts or labels); then adopt again.");
	}

	private static void refuseIfLocked(Connection connection, LiquibaseAdoption options) throws SQLException {
		ForeignTable lock = ForeignTable.find(connection, options.schema(), options.lockTable());
		if (lock == null || !lock.missing(List.of("locked")).isEmpty()) {
			return;
		}
		boolean by = lock.missing(List.of("lockedby")).isEmpty();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery(lock.select(by ? List.of("locked", "lockedby") : List.of("locked"), ""))) {
			while (rs.next()) {
				if (rs.getBoolean(1)) {
					@Nullable String holder = by ? rs.getString(2) : null;
					throw new SmallsValidationException(Problem.ADOPTION_REFUSED, List.of(),
							"Liquibase's lock " + options.lockTable() + " is held"
									+ ((holder != null) ? " by " + holder : "") + ": Liquibase is running, or a run "
									+ "of it was killed, and change sets may be pending. Nothing was recorded.",
							"Wait for Liquibase to finish; if no Liquibase is running, release the lock with "
									+ "liquibase release-locks, check with liquibase status that nothing is pending, "
									+ "then adopt again.");
				}
			}
		}
	}

}
