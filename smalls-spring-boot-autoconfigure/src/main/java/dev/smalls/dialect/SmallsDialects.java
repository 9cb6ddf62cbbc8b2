package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Picks the dialect for a database from its JDBC metadata.
 */
public final class SmallsDialects {

	private SmallsDialects() {
	}

	/**
	 * The dialect for the database behind a connection.
	 * @param connection an open connection
	 * @return the matching dialect, or a portable table-lock dialect for databases smalls has
	 * no specific support for
	 * @throws SQLException if the metadata cannot be read
	 */
	public static SmallsDialect detect(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		String name = product.toLowerCase(Locale.ROOT);
		if (name.contains("postgres")) {
			return new PostgresDialect();
		}
		if (name.contains("mariadb") || name.contains("mysql")) {
			return new MySqlDialect(product);
		}
		if (name.contains("h2")) {
			return new H2Dialect();
		}
		return new TableLockDialect(product);
	}

}
