package dev.smalls.schema;

import java.sql.Connection;
import java.sql.SQLException;
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
		List<String> statements = jdbc
			.execute((ConnectionCallback<List<String>>) (connection) -> statements(ddl, connection, apply));
		if (statements != null) {
			statements.forEach(jdbc::execute);
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
