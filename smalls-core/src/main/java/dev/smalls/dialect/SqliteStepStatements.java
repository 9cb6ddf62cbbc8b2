package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.smalls.dialect.lock.MigrationLock;

/**
 * SQLite's step statements: DDL is transactional here, so a step that commits or rolls back
 * smalls' transaction itself must be caught even after it committed the mark. A savepoint
 * named after the step's token is taken once the mark is written; a {@code COMMIT} or
 * {@code ROLLBACK} ends every savepoint, so releasing it fails if the transaction is not the
 * one the step began in.
 */
final class SqliteStepStatements extends PortableStepStatements {

	SqliteStepStatements(SmallsDialect dialect, Settings settings, MigrationLock lock) {
		super(dialect, settings, lock);
	}

	@Override
	protected void beginIdentity(Connection connection, Step step) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SAVEPOINT " + savepoint(step));
		}
	}

	@Override
	protected void checkIdentity(Connection connection, Step step) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("RELEASE SAVEPOINT " + savepoint(step));
		}
		catch (SQLException ex) {
			CheckFailed ended = new CheckFailed(Reason.TRANSACTION_ENDED, "its transaction ended before smalls "
					+ "ended it (a COMMIT or ROLLBACK of its own): " + ex.getMessage());
			ended.initCause(ex);
			throw ended;
		}
	}

	/** The token is made of hex digits: a safe identifier once prefixed. */
	private static String savepoint(Step step) {
		return "smalls_" + step.token();
	}

}
