package dev.smalls.dialect.lock;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a lock that keeps a table of its own (the row lock, the lease) needs to know of its
 * database: a dialect is one.
 */
public interface TableSupport {

	/**
	 * The type of a point in time.
	 * @return a SQL type name
	 */
	String timestampType();

	/**
	 * Whether a query that names only {@code table} failed because the table does not exist.
	 * @param connection the connection the query ran on
	 * @param table the table's name
	 * @param failure what the query threw
	 * @return {@code true} if the table is missing
	 * @throws SQLException if the database cannot be asked
	 */
	boolean isMissingTable(Connection connection, String table, SQLException failure) throws SQLException;

	/**
	 * Whether a {@code CREATE TABLE} failed because the table exists, as it does when another
	 * instance created it first.
	 * @param failure what the statement threw
	 * @return {@code true} if the table already exists
	 */
	boolean isAlreadyExists(SQLException failure);

	/**
	 * Whether an {@code INSERT} failed because the key exists, as it does when another
	 * instance inserted the row first.
	 * @param failure what the statement threw
	 * @return {@code true} for a duplicate key
	 */
	boolean isDuplicateKey(SQLException failure);

}
