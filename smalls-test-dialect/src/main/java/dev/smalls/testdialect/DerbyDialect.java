package dev.smalls.testdialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.SchemaDdl;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialectProvider;
import dev.smalls.dialect.lock.LockType;
import dev.smalls.dialect.lock.LockTypes;
import dev.smalls.dialect.lock.RowLockWaits;

/**
 * Apache Derby, added to smalls from outside it, as any jar can add a database: this class,
 * its {@link Provider}, and a line in
 * {@code META-INF/services/dev.smalls.dialect.SmallsDialectProvider}. Derby's DDL is
 * transactional; the migration lock is the row lock smalls ships (a transaction on a second
 * connection keeps row 1 of the lock table locked), or the lease.
 */
public class DerbyDialect implements SmallsDialect {

	@Override
	public String databaseName() {
		return "Apache Derby";
	}

	@Override
	public boolean supportsTransactionalDdl() {
		return true;
	}

	@Override
	public Map<LockStrategy, LockType> locks() {
		LockType rowLock = LockTypes.rowLock(this, new DerbyWaits());
		return Map.of(LockStrategy.AUTO, rowLock, LockStrategy.TRANSACTION, rowLock, LockStrategy.LEASE,
				LockTypes.lease(this));
	}

	@Override
	public SchemaDdl schemaDdl() {
		return new DerbySchemaDdl();
	}

	@Override
	public boolean isMissingTable(Connection connection, String table, SQLException failure) {
		// 42X05: "Table/View 'X' does not exist."
		return "42X05".equals(failure.getSQLState());
	}

	@Override
	public boolean isAlreadyExists(SQLException failure) {
		// X0Y32: "Table/View 'X' already exists in Schema 'APP'."
		return "X0Y32".equals(failure.getSQLState());
	}

	/** Derby waits for a locked row up to {@code derby.locks.waitTimeout}, then fails with 40XL1. */
	private static final class DerbyWaits implements RowLockWaits {

		@Override
		public boolean isTimeout(SQLException ex) {
			return "40XL1".equals(ex.getSQLState()) || RowLockWaits.super.isTimeout(ex);
		}

	}

	/** How Derby writes the schema operations standard SQL does not cover. */
	static final class DerbySchemaDdl extends SchemaDdl {

		@Override
		protected String fold(String name) {
			return name.toUpperCase(Locale.ROOT);
		}

		@Override
		public List<String> renameColumn(String table, String from, String to) {
			return List.of("RENAME COLUMN " + identifier(table) + "." + identifier(from) + " TO " + identifier(to));
		}

		@Override
		public List<String> renameTable(String from, String to) {
			return List.of("RENAME TABLE " + identifier(from) + " TO " + identifier(to));
		}

		@Override
		public List<String> setNotNull(String table, String column, boolean notNull, @Nullable Connection live) {
			return List.of(alterColumn(table, column) + (notNull ? " NOT NULL" : " NULL"));
		}

		@Override
		public boolean isGeneratedName(String name) {
			// SQL070803092816080, as Derby names constraints and indexes it names itself.
			return name.matches("SQL\\d+");
		}

	}

	/**
	 * Registers the dialect for Apache Derby.
	 */
	public static final class Provider implements SmallsDialectProvider {

		@Override
		public boolean supports(String productName) {
			return productName.equals("Apache Derby");
		}

		@Override
		public SmallsDialect create(Connection connection) {
			return new DerbyDialect();
		}

	}

}
