package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * An empty place beside the migrated database where smalls runs migrations that must leave
 * nothing behind (a rehearsal of their rollbacks, a plan where DDL commits at once): a schema
 * of its own (a database on MariaDB/MySQL, a temporary file on SQLite). Closing it drops it
 * with everything in it.
 */
public final class Scratch implements AutoCloseable {

	private final DataSource dataSource;

	private final @Nullable String schema;

	private final Dropper dropper;

	/**
	 * A scratch place.
	 * @param dataSource where to connect to it
	 * @param schema the schema to run in there, or {@code null} for the connection's default
	 * @param dropper what drops it
	 */
	public Scratch(DataSource dataSource, @Nullable String schema, Dropper dropper) {
		this.dataSource = dataSource;
		this.schema = schema;
		this.dropper = dropper;
	}

	/**
	 * A schema created on the migrated database, dropped with a statement.
	 * @param dataSource the migrated data source
	 * @param connection a connection to it
	 * @param create the statement that creates the schema
	 * @param schema the schema's name
	 * @param drop the statement that drops it and everything in it
	 * @return the scratch
	 * @throws SQLException if the schema cannot be created
	 */
	public static Scratch schema(DataSource dataSource, Connection connection, String create, String schema,
			String drop) throws SQLException {
		execute(connection, create);
		return new Scratch(dataSource, schema, () -> {
			try (Connection dropping = dataSource.getConnection()) {
				if (!dropping.getAutoCommit()) {
					dropping.setAutoCommit(true);
				}
				execute(dropping, drop);
			}
		});
	}

	/**
	 * Where to connect to it.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * The schema to run in there.
	 * @return the schema, or {@code null} for the connection's default
	 */
	public @Nullable String schema() {
		return this.schema;
	}

	@Override
	public void close() throws SQLException {
		this.dropper.drop();
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * Drops a scratch place.
	 */
	@FunctionalInterface
	public interface Dropper {

		/**
		 * Drop it, with everything in it.
		 * @throws SQLException on failure
		 */
		void drop() throws SQLException;

	}

}
