package dev.smalls.maven;

import java.util.List;
import java.util.Map;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

import dev.smalls.SmallsMigration;
import dev.smalls.SqlFileMigrations;

/**
 * The project's SQL-file migrations ({@code V<n>__<name>.sql}, each with an optional
 * {@code U<n>__<name>.sql} rollback), where {@code smalls.sql.locations} says for the
 * application: {@code classpath:db/migration} by default, read through the project's class
 * loader, so from its output directory and its jars. As in the application, a missing
 * default location is skipped and a missing configured one is an error.
 */
final class SqlMigrationLocations {

	private final List<String> locations;

	private final boolean configured;

	private final Map<String, String> placeholders;

	SqlMigrationLocations(List<String> locations, Map<String, String> placeholders) {
		this.configured = !locations.isEmpty();
		this.locations = this.configured ? List.copyOf(locations) : List.of(SqlFileMigrations.DEFAULT_LOCATION);
		this.placeholders = Map.copyOf(placeholders);
	}

	/**
	 * Read the project's SQL-file migrations.
	 * @param loader the project's class loader
	 * @return the migrations, in sequence order
	 * @throws dev.smalls.SmallsValidationException naming a missing configured location or a
	 * file that cannot be read as a migration
	 */
	List<SmallsMigration> load(ClassLoader loader) {
		ResourceLoader resources = new DefaultResourceLoader(loader);
		List<String> present = this.locations.stream()
			.filter((location) -> this.configured || SqlFileMigrations.exists(location, resources))
			.toList();
		return present.isEmpty() ? List.of() : List.copyOf(SqlFileMigrations.load(present, this.placeholders, resources));
	}

}
