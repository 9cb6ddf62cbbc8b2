package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Picks the dialect for a database from its JDBC metadata: one entry per database smalls
 * knows, the portable table lock for others, and a refusal for databases known to need more
 * than the portable dialect gives.
 */
public final class SmallsDialects {


	/**
	 * Databases whose types or DDL the portable dialect gets wrong (no {@code BIGINT} or a
	 * {@code TIMESTAMP} that means a row version): refused rather than half-supported.
	 */
	private static final List<String> REFUSED = List.of("oracle", "microsoft sql server", "sql server");

	/** The dialect of the run in progress on this thread, if any. */
	private static final ThreadLocal<SmallsDialect> RUNNING = new ThreadLocal<>();

	private SmallsDialects() {
	}

	/**
	 * The dialect of the migration running on this thread, as the migrator chose it (a
	 * dialect given to the builder included); outside a run, the one detected from the
	 * template's database. This is how code inside a migration, such as schema operations,
	 * renders SQL for the database it runs on.
	 * @param jdbc the template the migration was given
	 * @return the dialect
	 */
	public static SmallsDialect current(JdbcTemplate jdbc) {
		SmallsDialect running = RUNNING.get();
		if (running != null) {
			return running;
		}
		SmallsDialect detected = jdbc.execute((ConnectionCallback<SmallsDialect>) SmallsDialects::detect);
		return Objects.requireNonNull(detected);
	}

	/**
	 * Make a dialect {@link #current(JdbcTemplate) current} on this thread until the returned
	 * binding is closed. Called by the migrator around its runs.
	 * @param dialect the run's dialect
	 * @return the binding; close it when the run ends
	 */
	public static Binding bind(SmallsDialect dialect) {
		SmallsDialect previous = RUNNING.get();
		RUNNING.set(dialect);
		return () -> {
			if (previous != null) {
				RUNNING.set(previous);
			}
			else {
				RUNNING.remove();
			}
		};
	}

	/**
	 * A dialect made current on a thread.
	 */
	@FunctionalInterface
	public interface Binding extends AutoCloseable {

		@Override
		void close();

	}

	/**
	 * The dialect for the database behind a connection.
	 * @param connection an open connection
	 * @return the matching dialect (for a node of a MariaDB/MySQL Galera cluster, one that
	 * locks with the lease), or the portable table-lock dialect for a database smalls has no
	 * specific support for
	 * @throws SQLException if the metadata cannot be read
	 * @throws UnsupportedDatabaseException for a database smalls knows it cannot serve
	 * without a dialect of its own
	 */
	public static SmallsDialect detect(Connection connection) throws SQLException {
		SmallsDialect dialect = forProduct(connection.getMetaData().getDatabaseProductName());
		// A Galera node answers JDBC as any MariaDB/MySQL server does, but shares no locks with
		// the other nodes.
		if (dialect instanceof MySqlDialect && GaleraDialect.isGalera(connection)) {
			return new GaleraDialect(dialect.databaseName());
		}
		return dialect;
	}

	/**
	 * The dialect for a database product name as JDBC reports it.
	 * @param product e.g. {@code PostgreSQL}
	 * @return the dialect
	 * @throws UnsupportedDatabaseException for a database smalls knows it cannot serve
	 */
	public static SmallsDialect forProduct(String product) {
		// Plain conditions, no table of lambdas: this runs in a fresh JVM's start-up check,
		// which should load as little as it can.
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
		if (name.contains("hsql")) {
			return new HsqldbDialect();
		}
		if (name.contains("sqlite")) {
			return new SqliteDialect();
		}
		for (String refused : REFUSED) {
			if (name.contains(refused)) {
				throw new UnsupportedDatabaseException(product);
			}
		}
		Logging.logger.warn("smalls has no dialect for " + product + " and uses its portable one (a row lock in a "
				+ "table of its own, DDL assumed not transactional); it is tested on H2, PostgreSQL, MariaDB, HSQLDB "
				+ "and SQLite");
		return new TableLockDialect(product);
	}

	/** The logger, made on first use: the start-up check of a known database never loads it. */
	private static final class Logging {

		static final Log logger = LogFactory.getLog(SmallsDialects.class);

	}

	/**
	 * smalls knows this database needs more than its portable dialect and has no dialect for
	 * it.
	 */
	public static class UnsupportedDatabaseException extends IllegalStateException {

		UnsupportedDatabaseException(String product) {
			super("smalls has no dialect for " + product + ", and its portable one would create a history table "
					+ product + " cannot use. Implement dev.smalls.dialect.SmallsDialect and pass it to "
					+ "SmallsMigrator.Builder.dialect(..) (or declare it as a bean in a Spring Boot application)");
		}

	}

}
