package dev.smalls.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.SchemaDdl;

/**
 * An operation made of DDL the database's {@link SchemaDdl} writes. The statements are written
 * just before they run, on the migration's connection, since some depend on the table as it
 * is then (SQLite rebuilds, MariaDB restating a column).
 */
interface DdlOperation extends Operation {

	/**
	 * The statements that apply or unapply the operation.
	 * @param ddl the database's DDL
	 * @param live the run's connection, or {@code null} for a preview
	 * @param apply {@code true} to apply, {@code false} for the inverse
	 * @return the statements
	 * @throws SQLException if the table could not be read
	 */
	List<String> statements(SchemaDdl ddl, @Nullable Connection live, boolean apply) throws SQLException;

	/**
	 * What the operation left behind when it failed or was killed after some of its
	 * statements committed (see {@link SchemaDdl#commitsEachStatement()}), as statements that
	 * remove it. The default: nothing.
	 * @param ddl the database's DDL
	 * @param live the run's connection
	 * @param apply {@code true} if the operation was being applied, {@code false} undone
	 * @return the statements
	 * @throws SQLException if the catalog could not be read
	 */
	default List<String> leftovers(SchemaDdl ddl, Connection live, boolean apply) throws SQLException {
		return List.of();
	}

	@Override
	default Kind kind() {
		return Kind.SCHEMA;
	}

	@Override
	default void perform(JdbcTemplate jdbc, SchemaDdl ddl, boolean apply) {
		jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			List<String> statements = statements(ddl, connection, apply);
			// Several statements (a SQLite rebuild) must not half-happen in auto-commit mode:
			// where DDL is transactional, run them in a transaction of their own; unless each
			// must commit on its own, and what a failure leaves is removed instead.
			boolean local = statements.size() > 1 && connection.getAutoCommit() && !ddl.commitsEachStatement();
			if (local) {
				connection.setAutoCommit(false);
			}
			try (Statement statement = ddl.statementConnection(connection).createStatement()) {
				for (String sql : statements) {
					statement.execute(sql);
				}
				if (local) {
					connection.commit();
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (local) {
					connection.rollback();
				}
				else if (ddl.commitsEachStatement()) {
					removeLeftovers(ddl, connection, apply, ex);
				}
				String refusal = (ex instanceof SQLException sql) ? ddl.refusal(sql) : null;
				if (refusal != null) {
					SQLException explained = new SQLException(refusal, ((SQLException) ex).getSQLState(),
							((SQLException) ex).getErrorCode());
					explained.addSuppressed(ex);
					throw explained;
				}
				throw ex;
			}
			finally {
				if (local) {
					connection.setAutoCommit(true);
				}
			}
			return null;
		});
	}

	/** Remove what a failed operation left, so that it failed whole; a failure to is added to its own. */
	private void removeLeftovers(SchemaDdl ddl, Connection connection, boolean apply, Exception failure) {
		try (Statement statement = connection.createStatement()) {
			for (String sql : leftovers(ddl, connection, apply)) {
				statement.execute(sql);
			}
		}
		catch (SQLException | RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	@Override
	default List<String> preview(SchemaDdl ddl, boolean apply) {
		try {
			return statements(ddl, null, apply);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("A preview reads nothing, yet failed: " + ex.getMessage(), ex);
		}
	}

}
