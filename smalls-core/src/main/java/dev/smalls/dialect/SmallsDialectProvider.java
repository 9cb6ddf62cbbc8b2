package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Adds a database to smalls: a jar that registers one of these in
 * {@code META-INF/services/dev.smalls.dialect.SmallsDialectProvider} is asked, by
 * {@link SmallsDialects#detect}, whether it serves the database behind a connection, and if
 * so makes its dialect (its lock strategies, its DDL, how it reads its schema). Nothing in
 * smalls changes; each database smalls ships is added the same way.
 * <p>
 * Providers are asked in order of {@link #priority()}, highest first: give yours a higher
 * priority than {@link #SHIPPED} to replace smalls' own dialect for a database.
 */
public interface SmallsDialectProvider {

	/** The priority of the providers smalls ships. */
	int SHIPPED = 0;

	/**
	 * Whether this provider serves a database.
	 * @param productName the database's product name, as its JDBC driver reports it (e.g.
	 * {@code PostgreSQL}, {@code Apache Derby})
	 * @return {@code true} if it does
	 */
	boolean supports(String productName);

	/**
	 * The dialect for the database behind a connection this provider {@linkplain #supports
	 * supports}: it may look closer (MariaDB's provider asks whether the server is a node of
	 * a Galera cluster).
	 * @param connection an open connection
	 * @return the dialect
	 * @throws SQLException if the database cannot be asked
	 */
	SmallsDialect create(Connection connection) throws SQLException;

	/**
	 * Where this provider comes among those that support the same database: highest first.
	 * @return the priority, {@link #SHIPPED} by default
	 */
	default int priority() {
		return SHIPPED;
	}

}
