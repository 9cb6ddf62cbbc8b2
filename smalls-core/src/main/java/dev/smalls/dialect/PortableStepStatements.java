package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.lock.MigrationLock;

/**
 * The step statements of every database but PostgreSQL, one statement at a time with the
 * SQL of the dialect, under a lock the run holds: the mark is inserted first thing in the
 * step's transaction, and deleted again by the statement that ends it, which must find it.
 * A step that rolled smalls' transaction back took the mark with it; one that switched
 * auto-commit on is caught by the driver's own state. (A step that commits, or runs DDL
 * that does, commits the mark with its work: on these databases that is how a step is known
 * to be in effect in part.) Statements are prepared once per run.
 */
class PortableStepStatements implements StepStatements {

	private final SmallsDialect dialect;

	private final Settings settings;

	private final MigrationLock lock;

	private @Nullable PreparedStatement insertMark;

	private @Nullable PreparedStatement deleteMark;

	private @Nullable PreparedStatement insertHistory;

	private @Nullable PreparedStatement deleteHistory;

	PortableStepStatements(SmallsDialect dialect, Settings settings, MigrationLock lock) {
		if (lock.perTransaction()) {
			throw new IllegalArgumentException("The portable step statements do not take a lock in each transaction: "
					+ "a dialect whose lock is one (" + lock.takeInTransaction() + ") must return step statements "
					+ "that take it as each step begins");
		}
		this.dialect = dialect;
		this.settings = settings;
		this.lock = lock;
	}

	@Override
	public Entry enter(Connection connection, Step step) throws SQLException {
		if (step.markInTransaction()) {
			PreparedStatement insert = this.insertMark;
			if (insert == null) {
				insert = connection.prepareStatement(this.dialect.insertMark(this.settings.marksTable()));
				this.insertMark = insert;
			}
			bindMark(insert, 1, step);
			insert.executeUpdate();
		}
		beginIdentity(connection, step);
		return Entry.GO;
	}

	/**
	 * The parameters of a mark, from {@code first} on: sequence, name, operation, the lowest
	 * and highest state it may be in, fingerprint, when it started.
	 */
	static void bindMark(PreparedStatement statement, int first, Step step) throws SQLException {
		statement.setTimestamp(bindMarkFields(statement, first, step), Timestamp.from(Instant.now()));
	}

	/**
	 * The parameters of a mark but its time, from {@code first} on.
	 * @return the index of the time's parameter
	 */
	static int bindMarkFields(PreparedStatement statement, int first, Step step) throws SQLException {
		boolean migrate = step.kind() == Kind.MIGRATE;
		statement.setInt(first, step.sequence());
		statement.setString(first + 1, step.name());
		statement.setString(first + 2, step.kind().name());
		statement.setInt(first + 3, migrate ? 0 : step.operations());
		statement.setInt(first + 4, migrate ? step.operations() : 0);
		statement.setString(first + 5, step.fingerprint());
		return first + 6;
	}

	/**
	 * Where a database can tell a transaction from the next, note this one: called last by
	 * {@link #enter}.
	 * @param connection the step's connection
	 * @param step the step
	 * @throws SQLException on failure
	 */
	protected void beginIdentity(Connection connection, Step step) throws SQLException {
	}

	/**
	 * Fail if the transaction is not the one {@link #beginIdentity} noted.
	 * @param connection the step's connection
	 * @param step the step
	 * @throws CheckFailed if it is not
	 * @throws SQLException if the database cannot tell
	 */
	protected void checkIdentity(Connection connection, Step step) throws SQLException {
	}

	@Override
	public void finish(Connection connection, Step step, Instant appliedAt, long executionMillis) throws SQLException {
		if (connection.getAutoCommit()) {
			throw new CheckFailed(Reason.TRANSACTION_ENDED, "auto-commit was switched on while it ran (SET "
					+ "AUTOCOMMIT or an equivalent), so its statements committed one by one");
		}
		checkIdentity(connection, step);
		if (step.kind() != Kind.OTHER && deleteMark(connection, step.sequence()) != 1) {
			throw new CheckFailed(Reason.TRANSACTION_ENDED, "its transaction ended before smalls ended it (a "
					+ "ROLLBACK, which took its mark in " + this.settings.marksTable() + " with it, or auto-commit "
					+ "switched on by SQL)");
		}
		String condition = this.lock.heldCondition();
		if (condition == null) {
			verify(this.lock, connection);
		}
		boolean held = switch (step.kind()) {
			case MIGRATE -> insertHistory(connection, step, condition, appliedAt, executionMillis) == 1;
			case ROLLBACK -> deleteHistory(connection, step.sequence(), condition) == 1;
			case OTHER -> condition == null || holds(connection, condition);
		};
		if (!held) {
			throw new CheckFailed(Reason.LOCK_LOST, "the lock is no longer held by this run: its condition "
					+ condition + " is false");
		}
	}

	/**
	 * Check a lock that no SQL condition can check (a lease, renewed in the step's
	 * transaction) before the step is recorded.
	 * @throws CheckFailed if it is lost
	 */
	static void verify(MigrationLock lock, Connection connection) throws SQLException {
		try {
			lock.verify(connection);
		}
		catch (SQLException ex) {
			CheckFailed lost = new CheckFailed(Reason.LOCK_LOST, ex.getMessage());
			lost.initCause(ex);
			throw lost;
		}
	}

	private int deleteMark(Connection connection, int sequence) throws SQLException {
		PreparedStatement delete = this.deleteMark;
		if (delete == null) {
			String inTransaction = this.dialect.inTransactionCondition();
			delete = connection.prepareStatement("DELETE FROM " + this.settings.marksTable() + " WHERE sequence_no = ?"
					+ ((inTransaction != null) ? " AND " + inTransaction : ""));
			this.deleteMark = delete;
		}
		delete.setInt(1, sequence);
		return delete.executeUpdate();
	}

	private int insertHistory(Connection connection, Step step, @Nullable String condition, Instant appliedAt,
			long executionMillis) throws SQLException {
		PreparedStatement insert = this.insertHistory;
		if (insert == null) {
			String table = this.settings.historyTable();
			insert = connection.prepareStatement((condition != null) ? this.dialect.insertHistory(table, condition)
					: this.dialect.insertHistory(table));
			this.insertHistory = insert;
		}
		insert.setInt(1, step.sequence());
		insert.setString(2, step.name());
		insert.setInt(3, step.batch());
		insert.setTimestamp(4, Timestamp.from(appliedAt));
		insert.setLong(5, executionMillis);
		insert.setString(6, step.appliedBy());
		insert.setString(7, step.checksum());
		insert.setString(8, step.acknowledged());
		return insert.executeUpdate();
	}

	private int deleteHistory(Connection connection, int sequence, @Nullable String condition) throws SQLException {
		PreparedStatement delete = this.deleteHistory;
		if (delete == null) {
			String table = this.settings.historyTable();
			delete = connection.prepareStatement((condition != null) ? this.dialect.deleteHistory(table, condition)
					: this.dialect.deleteHistory(table));
			this.deleteHistory = delete;
		}
		delete.setInt(1, sequence);
		return delete.executeUpdate();
	}

	private static boolean holds(Connection connection, String condition) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT CASE WHEN " + condition + " THEN 1 ELSE 0 END")) {
			return result.next() && result.getInt(1) == 1;
		}
	}

	@Override
	public boolean committedPartWay(Connection connection, Step step) throws SQLException {
		return markExists(connection, this.settings.marksTable(), step.sequence());
	}

	static boolean markExists(Connection connection, String marksTable, int sequence) throws SQLException {
		try (PreparedStatement query = connection
			.prepareStatement("SELECT sequence_no FROM " + marksTable + " WHERE sequence_no = ?")) {
			query.setInt(1, sequence);
			try (ResultSet row = query.executeQuery()) {
				return row.next();
			}
		}
	}

	@Override
	public void close() throws SQLException {
		SQLException failure = null;
		for (PreparedStatement statement : new PreparedStatement[] { this.insertMark, this.deleteMark,
				this.insertHistory, this.deleteHistory }) {
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
