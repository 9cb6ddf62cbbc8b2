package dev.smalls.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

import org.apache.maven.plugin.MojoFailureException;
import org.jspecify.annotations.Nullable;

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

	private ApplicationHistoryTable() {
	}

	/**
	 * Refuse to run on another history table than the one the application names.
	 * @param classes the project's output directory, where its {@code application.properties} is
	 * @param table the plugin's history table
	 * @throws MojoFailureException if the application names another one
	 */
	static void requireSame(Path classes, String table) throws MojoFailureException {
		Properties properties = read(classes);
		String application = properties.getProperty(PROPERTY, "").strip();
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
	 * @param classes the project's output directory, where its {@code application.properties} is
	 * @param locations the plugin's {@code <sqlLocations>}, empty for the default
	 * @throws MojoFailureException if the application names others
	 */
	static void requireSameSqlLocations(Path classes, List<String> locations) throws MojoFailureException {
		String application = read(classes).getProperty(SQL_LOCATIONS, "").strip();
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
	 * Where the application's Flyway and Liquibase kept their histories, as its
	 * {@code spring.flyway.table}, {@code default-schema} or first of {@code schemas}, and
	 * {@code spring.liquibase.database-change-log-table}, {@code liquibase-schema} or
	 * {@code default-schema} say (the starter reads the same settings), for the migrator's
	 * {@code foreignHistories}.
	 * @param classes the project's output directory, where its {@code application.properties} is
	 * @param builder the migrator's builder, told where they are
	 */
	static void foreignHistories(Path classes, SmallsMigrator.Builder builder) {
		Properties properties = read(classes);
		String flywaySchema = value(properties, "spring.flyway.default-schema");
		if (flywaySchema == null) {
			String schemas = value(properties, "spring.flyway.schemas");
			flywaySchema = (schemas != null) ? value(schemas.split(",")[0]) : null;
		}
		String liquibaseSchema = value(properties, "spring.liquibase.liquibase-schema");
		builder.foreignHistories(FlywayAdoption.defaults()
			.withTable(Objects.requireNonNullElse(value(properties, "spring.flyway.table"), FlywayAdoption.DEFAULT_TABLE),
					flywaySchema),
				new LiquibaseAdoption(
						Objects.requireNonNullElse(value(properties, "spring.liquibase.database-change-log-table"),
								LiquibaseAdoption.DEFAULT_TABLE),
						(liquibaseSchema != null) ? liquibaseSchema : value(properties, "spring.liquibase.default-schema"),
						LiquibaseAdoption.DEFAULT_SEQUENCE)
					.withLockTable(Objects.requireNonNullElse(
							value(properties, "spring.liquibase.database-change-log-lock-table"),
							LiquibaseAdoption.DEFAULT_LOCK_TABLE)));
	}

	private static @Nullable String value(Properties properties, String name) {
		return value(properties.getProperty(name));
	}

	private static @Nullable String value(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
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
