package dev.smalls.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

import dev.smalls.SmallsException;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsTables;

/**
 * The layout of smalls' own tables as found in the database, and its upgrade to the layout
 * this smalls writes ({@link SmallsTables#LAYOUT}).
 * <p>
 * Every run reads the layout row once without the lock: in the steady state that is one
 * small query, and no metadata is asked. A run that is about to write reads it again under
 * the lock, and upgrades there if it has to: it asks the metadata which tables exist,
 * creates the missing ones, runs each layout's upgrade statements and records the layout
 * last, so that an upgrade cut short is finished by the next run. Instances racing an
 * upgrade meet under the lock; the second finds it done. Tables written by a newer smalls
 * that this one cannot use are refused before anything is written.
 * Internal: not for use outside smalls.
 */
final class OwnTables {

	private final SmallsTables tables;

	private final SmallsDialect dialect;

	OwnTables(SmallsTables tables, SmallsDialect dialect) {
		this.tables = tables;
		this.dialect = dialect;
	}

	/**
	 * Read the layout, without the lock.
	 * @param connection the run's connection, in auto-commit mode
	 * @param historyExists whether the history table was found
	 * @return the layout found
	 * @throws SmallsException if a newer smalls wrote tables this one cannot use
	 * @throws SQLException if the layout table exists but cannot be read
	 */
	Layout read(Connection connection, boolean historyExists) throws SQLException {
		Layout found;
		try {
			found = readRow(connection);
		}
		catch (SQLException ex) {
			if (!this.dialect.isMissingTable(connection, this.tables.layout(), ex)) {
				throw ex;
			}
			found = null;
		}
		if (found == null) {
			// Before layouts were recorded (smalls 0.1), or before anything was created.
			found = historyExists ? Layout.FIRST : Layout.NONE;
		}
		return refuseIfNewer(found);
	}

	/**
	 * Make sure the tables have this smalls' layout, under the migration lock. In a
	 * transaction (the lock each transaction takes) a failed statement may end it, so where
	 * anything could be missing the dialect is asked first ({@link SmallsDialect#hasTable}).
	 * @param connection the run's connection, under the lock
	 * @param seen the layout the run found without the lock
	 * @param by who upgrades, for the record
	 * @return the layout now
	 * @throws SQLException on failure
	 */
	Layout ensure(Connection connection, Layout seen, String by) throws SQLException {
		if (seen.isCurrent()) {
			Layout now = readRow(connection);
			if (now != null && now.isCurrent()) {
				return refuseIfNewer(now);
			}
		}
		return upgrade(connection, by);
	}

	private Layout upgrade(Connection connection, String by) throws SQLException {
		boolean layoutTable = this.dialect.hasTable(connection, this.tables.layout());
		Layout found = layoutTable ? readRow(connection) : null;
		if (found != null && found.isCurrent()) {
			return refuseIfNewer(found);
		}
		String timestamp = this.dialect.timestampType();
		boolean history = this.dialect.hasTable(connection, this.tables.history());
		create(connection, history, this.tables.createHistory(timestamp));
		create(connection, this.dialect.hasTable(connection, this.tables.marks()),
				this.tables.createMarks(timestamp));
		create(connection, layoutTable, this.tables.createLayout(timestamp));
		int from = (found != null) ? found.layout() : (history ? Layout.FIRST.layout() : SmallsTables.LAYOUT);
		write(connection, (found != null) ? this.tables.updateLayout() : this.tables.insertLayout(), from, by);
		// A layout recorded after each step: where DDL commits at once, a run cut short resumes
		// at the step it did not record (so each step is written to be safe to repeat).
		for (int layout = from + 1; layout <= SmallsTables.LAYOUT; layout++) {
			if (!upgraded(connection, layout)) {
				for (String statement : this.tables.upgradeTo(layout, timestamp)) {
					execute(connection, statement);
				}
			}
			write(connection, this.tables.updateLayout(), layout, by);
		}
		Layout now = new Layout(SmallsTables.LAYOUT, SmallsTables.COMPATIBLE_FROM);
		if (found == null && history) {
			RunSession.Logging.logger.info("smalls upgraded its tables for " + this.tables.history() + " to layout "
					+ now.layout() + " (from smalls 0.1's)");
		}
		else if (found != null) {
			RunSession.Logging.logger.info("smalls upgraded its tables for " + this.tables.history() + " from layout "
					+ found.layout() + " to " + now.layout());
		}
		return now;
	}

	private void write(Connection connection, String sql, int layout, String by) throws SQLException {
		try (PreparedStatement write = connection.prepareStatement(sql)) {
			write.setInt(1, layout);
			write.setInt(2, Math.min(layout, SmallsTables.COMPATIBLE_FROM));
			write.setTimestamp(3, Timestamp.from(Instant.now()));
			write.setString(4, by);
			if (write.executeUpdate() != 1) {
				// Only if the layout row went away since it was read: the next run looks again.
				throw new SQLException("The layout row of " + this.tables.layout() + " changed while smalls upgraded "
						+ "it");
			}
		}
	}

	/**
	 * Whether an upgrade is in effect already: asked only where DDL commits at once (where it
	 * does not, an upgrade and its layout commit together, and a failed query could end the
	 * transaction).
	 */
	private boolean upgraded(Connection connection, int layout) {
		String probe = this.tables.upgradedProbe(layout);
		if (probe == null || this.dialect.supportsTransactionalDdl()) {
			return false;
		}
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery(probe).close();
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private void create(Connection connection, boolean exists, String ddl) throws SQLException {
		if (!exists) {
			execute(connection, ddl);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private Layout readRow(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery(this.tables.selectLayout())) {
			return row.next() ? new Layout(row.getInt(1), row.getInt(2)) : null;
		}
	}

	private Layout refuseIfNewer(Layout found) {
		if (found.compatibleFrom() > SmallsTables.LAYOUT) {
			throw new SmallsException("smalls' tables for " + this.tables.history() + " have layout "
					+ found.layout() + ", written by a newer smalls, which this smalls (layout " + SmallsTables.LAYOUT
					+ ") cannot read or write safely. Nothing was read or changed.",
					"Run this application with the smalls release that upgraded the tables (or a later one). Do not "
							+ "drop or edit smalls' tables: they hold what has been applied.");
		}
		return found;
	}

	/**
	 * A layout of smalls' tables as found in the database.
	 *
	 * @param layout the layout, 0 when there are no tables yet
	 * @param compatibleFrom the oldest layout a smalls must know to use them
	 */
	record Layout(int layout, int compatibleFrom) {

		/** Nothing created yet. */
		static final Layout NONE = new Layout(0, 0);

		/** smalls 0.1's: a history table, and no layout recorded. */
		static final Layout FIRST = new Layout(1, 1);

		/**
		 * Whether the tables need no upgrade by this smalls.
		 * @return {@code true} at this smalls' layout or a newer one
		 */
		boolean isCurrent() {
			return this.layout >= SmallsTables.LAYOUT;
		}

	}

}
