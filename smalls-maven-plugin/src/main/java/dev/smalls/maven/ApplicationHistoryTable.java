package dev.smalls.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.apache.maven.plugin.MojoFailureException;

import dev.smalls.FlywayAdoption;
import dev.smalls.LiquibaseAdoption;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlFileMigrations;

/**
 * The history table the application names in its {@code application.properties}
 * ({@code smalls.table}), checked against the plugin's {@code <table>}, and its SQL-file
 * locations ({@code smalls.sql.locations}) against {@code <sqlLocations>}. The plugin reads no
 * Spring configuration otherwise, and a goal on another table than the application's would see
 * every migration as pending: {@code migrate} would run them all again; one without the
 * application's SQL folders would leave their migrations out. Where the application's Flyway
 * or Liquibase kept its history ({@code spring.flyway.*}, {@code spring.liquibase.*}) is read
 * too, for the guard before a first migrate.
 */
final class ApplicationHistoryTable {

	private static final String PROPERTY = "smalls.table";

	private static final String SQL_LOCATIONS = "smalls.sql.locations";

	private final Properties properties;

	private ApplicationHistoryTable(Properties properties) {
		this.properties = properties;
	}

	/**
	 * What the project's {@code application.properties} says, read once.
	 * @param classes the project's output directory, where its {@code application.properties} is
	 * @return the settings, none if there is no such file
	 */
	static ApplicationHistoryTable of(Path classes) {
		return new ApplicationHistoryTable(read(classes));
	}

	/**
	 * Refuse to run on another history table than the one the application names.
	 * @param table the plugin's history table
	 * @throws MojoFailureException if the application names another one
	 */
	void requireSame(String table) throws MojoFailureException {
		String application = this.properties.getProperty(PROPERTY, "").strip();
		if (!application.isEmpty() && !application.equalsIgnoreCase(table.strip())) {
			throw new MojoFailureException("The application's application.properties sets " + PROPERTY + "="
					+ application + ", but the plugin's history table is " + table + ": the plugin would read another "
					+ "history than the application's, see every migration as pending, and migrate would run them "
					+ "again." + System.lineSeparator() + "What to do: set <table>" + application + "</table> in the "
					+ "configuration of the smalls-maven-plugin, or run with -D" + PROPERTY + "=" + application + ".");
		}
	}

	/**
	 * Refuse to run without the SQL-file locations the application names.
	 * @param locations the plugin's {@code <sqlLocations>}, empty for the default
	 * @throws MojoFailureException if the application names others
	 */
	void requireSameSqlLocations(List<String> locations) throws MojoFailureException {
		String application = this.properties.getProperty(SQL_LOCATIONS, "").strip();
		if (application.isEmpty()) {
			return;
		}
		List<String> named = Arrays.stream(application.split(","))
			.map(String::strip)
			.filter((location) -> !location.isEmpty())
			.toList();
		List<String> plugin = locations.isEmpty() ? List.of(SqlFileMigrations.DEFAULT_LOCATION)
				: locations.stream().map(String::strip).toList();
		if (!named.equals(plugin)) {
			throw new MojoFailureException("The application's application.properties sets " + SQL_LOCATIONS + "="
					+ application + ", but the plugin reads SQL-file migrations from "
					+ String.join(",", plugin) + (locations.isEmpty() ? " (its default)" : "")
					+ ": the goals would see other migrations than the application runs." + System.lineSeparator()
					+ "What to do: set <sqlLocations>" + named.stream().map((l) -> "<sqlLocation>" + l + "</sqlLocation>")
						.reduce("", String::concat)
					+ "</sqlLocations> in the configuration of the smalls-maven-plugin, or run with -D" + SQL_LOCATIONS
					+ "=" + String.join(",", named) + ".");
		}
	}

	/**
	 * Tell the migrator where the application's Flyway and Liquibase kept their histories, as
	 * its {@code spring.flyway.*} and {@code spring.liquibase.*} say (the starter reads the same
	 * settings, with the same {@link FlywayAdoption#located} and
	 * {@link LiquibaseAdoption#located}), for the guard before a first migrate.
	 * @param builder the migrator's builder
	 */
	void foreignHistories(SmallsMigrator.Builder builder) {
		String schemas = this.properties.getProperty("spring.flyway.schemas", "");
		builder.foreignHistories(
				FlywayAdoption.located(this.properties.getProperty("spring.flyway.table"),
						this.properties.getProperty("spring.flyway.default-schema"),
						Arrays.stream(schemas.split(",")).map(String::strip).filter((s) -> !s.isEmpty()).toList()),
				LiquibaseAdoption.located(this.properties.getProperty("spring.liquibase.database-change-log-table"),
						this.properties.getProperty("spring.liquibase.liquibase-schema"),
						this.properties.getProperty("spring.liquibase.default-schema"),
						this.properties.getProperty("spring.liquibase.database-change-log-lock-table")));
	}

	private static Properties read(Path classes) {
		Properties properties = new Properties();
		Path file = classes.resolve("application.properties");
		if (!Files.isRegularFile(file)) {
			return properties;
		}
		try (InputStream in = Files.newInputStream(file)) {
			properties.load(in);
		}
		catch (IOException | IllegalArgumentException ex) {
			// A file the application could not read either: nothing to compare with.
			return new Properties();
		}
		return properties;
	}

}
