package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * HSQLDB: a lease in a lock table (30 s unless renewed, by default), because HSQLDB waits for a row lock without end (neither
 * a query timeout nor a cancel stops the wait), so the portable row lock could hang a
 * starting instance. HSQLDB commits DDL implicitly, and reports a missing table as
 * {@code 42501} ("user lacks privilege or object not found"), which could also mean missing
 * rights, so the metadata decides.
 */
public class HsqldbDialect implements SmallsDialect {

	private final Duration lease;

	public HsqldbDialect() {
		this(LeaseLock.DEFAULT_DURATION);
	}

	/**
	 * A dialect whose lease lasts the given time unless renewed.
	 * @param lease the lease: how long a killed instance can keep others waiting
	 */
	public HsqldbDialect(Duration lease) {
		this.lease = lease;
	}

	@Override
	public String databaseName() {
		return "HSQLDB";
	}

	@Override
	public boolean supportsTransactionalDdl() {
		return false;
	}

	@Override
	public @Nullable MigrationLock lock(Connection session, DataSource dataSource, String name, Duration timeout)
			throws SQLException {
		return LeaseLock.acquire(session, dataSource, name + "_lock", timeout, this, this.lease);
	}

	@Override
	public boolean isMissingTable(Connection connection, String table, SQLException failure) throws SQLException {
		return "42501".equals(failure.getSQLState()) && !SmallsDialect.tableExists(connection, table);
	}

}
