package dev.smalls.maven;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ServiceLoader;

import javax.sql.DataSource;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * The database a goal works on, from {@code <url>}, {@code <user>} and {@code <password>},
 * through a JDBC driver on the project's runtime classpath (or the plugin's dependencies).
 * <p>
 * The driver is created from the project's class loader rather than found through
 * {@code DriverManager}, which only hands out drivers its caller's class loader can see:
 * the plugin's cannot see the project's.
 */
final class ProjectDatabase {

	private ProjectDatabase() {
	}

	/**
	 * A data source that opens a connection per use, checked by opening one.
	 * @param url the JDBC URL
	 * @param user the user, or {@code null}
	 * @param password the password, or {@code null}
	 * @param driverClassName the driver's class, or {@code null} to find one that takes the URL
	 * @param loader the project's class loader
	 * @return the data source
	 * @throws MojoExecutionException if no URL is configured
	 * @throws MojoFailureException if no driver takes the URL, or the database cannot be reached
	 */
	static DataSource connect(@Nullable String url, @Nullable String user, @Nullable String password,
			@Nullable String driverClassName, ClassLoader loader) throws MojoExecutionException, MojoFailureException {
		if (!StringUtils.hasText(url)) {
			throw new MojoExecutionException("smalls needs the database's JDBC URL: set <url> in the configuration of "
					+ "the smalls-maven-plugin, or run with -Dsmalls.url=jdbc:...");
		}
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(driver(url, driverClassName, loader), url);
		dataSource.setUsername(user);
		dataSource.setPassword(password);
		try (Connection connection = dataSource.getConnection()) {
			return dataSource;
		}
		catch (SQLException ex) {
			throw new MojoFailureException("smalls could not connect to " + shown(url) + ": " + ex.getMessage()
					+ System.lineSeparator() + "What to do: check <url>, <user> and <password> in the configuration "
					+ "of the smalls-maven-plugin (or -Dsmalls.url, -Dsmalls.user and -Dsmalls.password), and that "
					+ "the database is up.", ex);
		}
	}

	/** The URL as the build's log may show it: without a password given in it. */
	private static String shown(String url) {
		return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
	}

	private static Driver driver(String url, @Nullable String driverClassName, ClassLoader loader)
			throws MojoFailureException {
		if (StringUtils.hasText(driverClassName)) {
			try {
				return (Driver) Class.forName(driverClassName, true, loader).getDeclaredConstructor().newInstance();
			}
			catch (ReflectiveOperationException | LinkageError | ClassCastException ex) {
				throw new MojoFailureException("smalls could not create the JDBC driver " + driverClassName + ": " + ex
						+ System.lineSeparator() + "What to do: add the driver to the project's dependencies (runtime "
						+ "scope) or to the plugin's <dependencies>, or fix <driverClassName>.", ex);
			}
		}
		for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
			try {
				if (driver.acceptsURL(url)) {
					return driver;
				}
			}
			catch (SQLException ex) {
				// A driver that cannot tell takes no URL of ours.
			}
		}
		throw new MojoFailureException("No JDBC driver on the project's runtime classpath takes the URL "
				+ shown(url) + "." + System.lineSeparator() + "What to do: check the URL's prefix "
				+ "(jdbc:postgresql:, jdbc:mariadb:, jdbc:h2:...), and add the database's driver to the project's "
				+ "dependencies (runtime scope) or to the plugin's <dependencies>.");
	}

}
