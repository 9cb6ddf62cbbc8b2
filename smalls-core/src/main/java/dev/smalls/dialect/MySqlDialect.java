package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.lock.LockType;
import dev.smalls.dialect.lock.LockTypes;
import dev.smalls.dialect.lock.RowLockWaits;

/**
 * MariaDB and MySQL: a named {@code GET_LOCK} held by the run's session ({@code auto} and
 * {@code session}), a row lock held by an open transaction ({@code transaction}), or a lease.
 * On the nodes of a Galera cluster, which share neither {@code GET_LOCK} nor row locks,
 * {@link GaleraDialect} takes its place. DDL commits implicitly, so it cannot be rolled back.
 */
public class MySqlDialect implements SmallsDialect {

	private final String databaseName;

	public MySqlDialect(String databaseName) {
		this.databaseName = databaseName;
	}

	@Override
	public String databaseName() {
		return this.databaseName;
	}

	@Override
	public boolean supportsTransactionalDdl() {
		return false;
	}

	@Override
	public Map<LockStrategy, LockType> locks() {
		return Map.of(LockStrategy.AUTO, LockTypes.mysqlNamed(), LockStrategy.SESSION, LockTypes.mysqlNamed(),
				LockStrategy.TRANSACTION, LockTypes.rowLock(this, new InnoDbWaits()), LockStrategy.LEASE,
				LockTypes.lease(this));
	}

	@Override
	public SchemaDdl schemaDdl() {
		return new MySqlSchemaDdl(databaseName());
	}

	@Override
	public DdlTimeouts ddlTimeouts() {
		return new MySqlDdlTimeouts(this.databaseName.toLowerCase(java.util.Locale.ROOT).contains("mariadb"));
	}

	@Override
	public String insertHistory(String table, String heldCondition) {
		return "INSERT INTO " + table + " (sequence_no, name, batch, applied_at, execution_ms, applied_by, checksum, acknowledged) "
				+ "SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE " + heldCondition;
	}

	@Override
	public String textType() {
		return "LONGTEXT";
	}

	@Override
	public Scratch createScratch(DataSource dataSource, Connection connection, String name) throws SQLException {
		// A schema is a database here.
		return Scratch.schema(dataSource, connection, "CREATE DATABASE " + name, name, "DROP DATABASE " + name);
	}

	@Override
	public @Nullable Object currentSchema(Connection connection) throws SQLException {
		return connection.getCatalog();
	}

	@Override
	public void useSchema(Connection connection, String schema) throws SQLException {
		// A schema is a database here.
		connection.setCatalog(schema);
	}

	@Override
	public void restoreSchema(Connection connection, @Nullable Object saved) throws SQLException {
		if (saved != null) {
			connection.setCatalog((String) saved);
		}
	}

	@Override
	public String timestampType() {
		// TIMESTAMP columns may get an implicit ON UPDATE CURRENT_TIMESTAMP here; DATETIME never does.
		return "DATETIME(3)";
	}

	@Override
	public String inTransactionCondition() {
		return "@@autocommit = 0";
	}

	@Override
	public boolean isMissingTable(Connection connection, String table, SQLException failure) {
		return "42S02".equals(failure.getSQLState());
	}

	/** Row-lock waits end after {@code innodb_lock_wait_timeout} seconds, with error 1205. */
	/**
	 * {@code information_schema.TABLES.TABLE_ROWS}: InnoDB's estimate.
	 */
	@Override
	public Map<String, Long> relationRows(Connection connection) throws SQLException {
		Map<String, Long> rows = new java.util.HashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES "
						+ "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_ROWS IS NOT NULL")) {
			while (result.next()) {
				rows.put(result.getString(1), result.getLong(2));
			}
		}
		return rows;
	}

	private static final class InnoDbWaits implements RowLockWaits {

		@Override
		public @Nullable Object apply(Connection connection, Duration timeout) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				Object previous = null;
				try (ResultSet result = statement.executeQuery("SELECT @@SESSION.innodb_lock_wait_timeout")) {
					if (result.next()) {
						previous = result.getLong(1);
					}
				}
				statement.execute("SET SESSION innodb_lock_wait_timeout = " + Math.max(1, (timeout.toMillis() + 999) / 1000));
				return previous;
			}
		}

		@Override
		public void restore(Connection connection, @Nullable Object previous) throws SQLException {
			if (previous != null) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET SESSION innodb_lock_wait_timeout = " + previous);
				}
			}
		}

		@Override
		public boolean isTimeout(SQLException ex) {
			return ex.getErrorCode() == 1205 || RowLockWaits.super.isTimeout(ex);
		}

	}

	/**
	 * Registers this dialect for MariaDB and MySQL, and their Galera clusters ({@code META-INF/services}).
	 */
	public static final class Provider implements SmallsDialectProvider {

		@Override
		public boolean supports(String productName) {
			String name = productName.toLowerCase(java.util.Locale.ROOT);
			return name.contains("mariadb") || name.contains("mysql");
		}

		@Override
		public SmallsDialect create(Connection connection) throws SQLException {
			// A Galera node answers JDBC as any MariaDB/MySQL server does, but shares no locks with
			// the other nodes.
			return (GaleraDialect.isGalera(connection)) ? new GaleraDialect(connection.getMetaData().getDatabaseProductName())
					: new MySqlDialect(connection.getMetaData().getDatabaseProductName());
		}

	}

}
