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

	@Override
	default Kind kind() {
		return Kind.SCHEMA;
	}

	@Override
	default void perform(JdbcTemplate jdbc, SchemaDdl ddl, boolean apply) {
		jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			List<String> statements = statements(ddl, connection, apply);
			// Several statements (a SQLite rebuild) must not half-happen in auto-commit mode:
			// where DDL is transactional, run them in a transaction of their own.
			boolean local = statements.size() > 1 && connection.getAutoCommit();
			if (local) {
				connection.setAutoCommit(false);
			}
			try (Statement statement = connection.createStatement()) {
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
