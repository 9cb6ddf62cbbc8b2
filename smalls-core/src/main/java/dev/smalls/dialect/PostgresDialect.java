package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.lock.LockType;
import dev.smalls.dialect.lock.LockTypes;
import dev.smalls.dialect.lock.MigrationLock;

/**
 * PostgreSQL: an advisory lock taken by every transaction that changes the history
 * ({@code auto} and {@code transaction}, which hold through PgBouncer in transaction mode
 * and need no second connection), held by the run's session ({@code session}, direct
 * connections only), or a lease. DDL is transactional. A tenant's schema is set in each
 * transaction ({@code set_config('search_path', .., true)}), never on the session: a pooler
 * hands a session to other clients between transactions.
 */
public class PostgresDialect implements SmallsDialect {

	@Override
	public String databaseName() {
		return "PostgreSQL";
	}

	@Override
	public boolean supportsTransactionalDdl() {
		return true;
	}

	@Override
	public Map<LockStrategy, LockType> locks() {
		return Map.of(LockStrategy.AUTO, LockTypes.postgresTransaction(), LockStrategy.TRANSACTION,
				LockTypes.postgresTransaction(), LockStrategy.SESSION, LockTypes.postgresSession(), LockStrategy.LEASE,
				LockTypes.lease(this));
	}

	@Override
	public String textType() {
		return "TEXT";
	}

	@Override
	public SchemaDdl schemaDdl() {
		return new PostgresSchemaDdl();
	}

	@Override
	public StepStatements stepStatements(StepStatements.Settings settings, MigrationLock lock) {
		return new PostgresStepStatements(settings, lock);
	}

	@Override
	public DdlTimeouts ddlTimeouts() {
		return new PostgresDdlTimeouts();
	}

	@Override
	public boolean setsSchemaPerTransaction() {
		return true;
	}

	@Override
	public String insertHistory(String table, String heldCondition) {
		// Parameters in a SELECT list have no column to take their type from: say it.
		return "INSERT INTO " + table + " (sequence_no, name, batch, applied_at, execution_ms, applied_by, checksum, "
				+ "acknowledged) SELECT CAST(? AS INT), CAST(? AS VARCHAR), CAST(? AS INT), CAST(? AS TIMESTAMP), "
				+ "CAST(? AS BIGINT), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR) WHERE " + heldCondition;
	}

	@Override
	public Object currentSchema(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_setting('search_path')")) {
			result.next();
			return result.getString(1);
		}
	}

	@Override
	public void useSchema(Connection connection, String schema) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SET search_path TO " + schema);
			// PostgreSQL accepts a search path of schemas that do not exist.
			try (ResultSet result = statement.executeQuery("SELECT current_schema()")) {
				if (!result.next() || result.getString(1) == null) {
					throw new SQLException("Schema " + schema + " does not exist", "3F000");
				}
			}
		}
	}

	@Override
	public void useSchemaInTransaction(Connection connection, String schema) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('search_path', ?, true)")) {
			statement.setString(1, schema);
			statement.execute();
		}
	}

	@Override
	public void restoreSchema(Connection connection, @Nullable Object saved) throws SQLException {
		if (saved != null) {
			try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
				statement.setString(1, (String) saved);
				statement.execute();
			}
		}
	}

	/** Asked of the catalog: a failed query would end the transaction it runs in. */
	@Override
	public boolean hasTable(Connection connection, String table) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
			statement.setString(1, table);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	@Override
	public boolean isMissingTable(Connection connection, String table, SQLException failure) {
		return "42P01".equals(failure.getSQLState());
	}

	/**
	 * Registers this dialect for PostgreSQL ({@code META-INF/services}).
	 */
	/**
	 * {@code pg_class.reltuples}, which ANALYZE and autovacuum keep; a relation never analyzed
	 * (-1 from PostgreSQL 14) has an unknown size.
	 */
	@Override
	public Map<String, Long> relationRows(Connection connection) throws SQLException {
		Map<String, Long> rows = new java.util.HashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT c.relname, c.reltuples::bigint, c.relpages "
						+ "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
						+ "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'm', 'i')")) {
			while (result.next()) {
				long tuples = result.getLong(2);
				if (tuples > 0 || (tuples == 0 && result.getLong(3) == 0)) {
					rows.put(result.getString(1), tuples);
				}
			}
		}
		return rows;
	}

	public static final class Provider implements SmallsDialectProvider {

		@Override
		public boolean supports(String productName) {
			return productName.toLowerCase(java.util.Locale.ROOT).contains("postgres");
		}

		@Override
		public SmallsDialect create(Connection connection) {
			return new PostgresDialect();
		}

	}

}
