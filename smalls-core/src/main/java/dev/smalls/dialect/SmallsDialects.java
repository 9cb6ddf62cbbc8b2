package dev.smalls.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds the dialect for a database from its JDBC metadata: the {@link SmallsDialectProvider}s
 * on the classpath (smalls' own and any a jar adds, through {@link ServiceLoader}), highest
 * priority first; the portable table lock for a database none of them serves; a refusal for
 * databases known to need more than the portable dialect gives.
 */
public final class SmallsDialects {

	/**
	 * Databases whose types or DDL the portable dialect gets wrong (no {@code BIGINT} or a
	 * {@code TIMESTAMP} that means a row version): refused rather than half-supported, unless
	 * a provider serves them.
	 */
	private static final List<String> REFUSED = List.of("oracle", "microsoft sql server", "sql server");

	private static volatile @Nullable Providers providers;

	private SmallsDialects() {
	}

	/**
	 * The dialect of the database behind a template, as {@link #detect} finds it: what
	 * schema operations run outside a migrator use (a {@code SchemaMigration} called
	 * directly, say). A migrator uses the dialect it was built with.
	 * @param jdbc a template
	 * @return the dialect
	 */
	public static SmallsDialect current(JdbcTemplate jdbc) {
		SmallsDialect detected = jdbc.execute((ConnectionCallback<SmallsDialect>) SmallsDialects::detect);
		return Objects.requireNonNull(detected);
	}

	/**
	 * The dialect for the database behind a connection.
	 * @param connection an open connection
	 * @return the dialect of the first provider, by priority, that supports the database (for a
	 * node of a MariaDB/MySQL Galera cluster, one that locks with the lease), or the portable
	 * table-lock dialect where none does
	 * @throws SQLException if the metadata cannot be read
	 * @throws UnsupportedDatabaseException for a database smalls knows it cannot serve
	 * without a dialect of its own
	 */
	public static SmallsDialect detect(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		SmallsDialectProvider provider = provider(product);
		return (provider != null) ? provider.create(connection) : portable(product);
	}

	private static @Nullable SmallsDialectProvider provider(String product) {
		for (SmallsDialectProvider provider : providers().all()) {
			if (provider.supports(product)) {
				return provider;
			}
		}
		return null;
	}

	private static SmallsDialect portable(String product) {
		String name = product.toLowerCase(Locale.ROOT);
		for (String refused : REFUSED) {
			if (name.contains(refused)) {
				throw new UnsupportedDatabaseException(product);
			}
		}
		Logging.logger.warn("smalls has no dialect for " + product + " and uses its portable one (a row lock in a "
				+ "table of its own, DDL assumed not transactional); it is tested on H2, PostgreSQL, MariaDB, HSQLDB "
				+ "and SQLite. A jar that provides a dev.smalls.dialect.SmallsDialectProvider for " + product
				+ " replaces it.");
		return new TableLockDialect(product);
	}

	/**
	 * The providers on the class path of the thread's context class loader (an application's,
	 * in a Spring Boot jar), found once per class loader.
	 */
	private static Providers providers() {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		if (loader == null) {
			loader = SmallsDialects.class.getClassLoader();
		}
		Providers found = providers;
		if (found == null || found.loader() != loader) {
			List<SmallsDialectProvider> all = new ArrayList<>();
			ServiceLoader.load(SmallsDialectProvider.class, loader).forEach(all::add);
			if (all.isEmpty() && loader != SmallsDialects.class.getClassLoader()) {
				ServiceLoader.load(SmallsDialectProvider.class, SmallsDialects.class.getClassLoader()).forEach(all::add);
			}
			all.sort(Comparator.comparingInt(SmallsDialectProvider::priority).reversed());
			found = new Providers(loader, List.copyOf(all));
			providers = found;
		}
		return found;
	}

	private record Providers(ClassLoader loader, List<SmallsDialectProvider> all) {
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
					+ product + " cannot use. Add a jar that provides a dev.smalls.dialect.SmallsDialectProvider for it, "
					+ "or implement dev.smalls.dialect.SmallsDialect and pass it to SmallsMigrator.Builder.dialect(..) "
					+ "(or declare it as a bean in a Spring Boot application)");
		}

	}

}
