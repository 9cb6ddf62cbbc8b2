package dev.smalls.maven;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.logging.Log;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.smalls.SmallsMigrator;

/**
 * Where the project's SQL-file migrations ({@code V<n>__<name>.sql}) are, as
 * {@code smalls.sql.locations} says for the application: {@code classpath:db/migration} by
 * default, read through the project's class loader, so from its output directory and its
 * jars.
 * <p>
 * This engine runs no SQL files yet, so {@link #configure} only says which files it found
 * and left out, rather than letting {@code status} look complete without them. Once the
 * engine runs them, {@link #configure} hands the locations to the migrator's builder, and
 * every goal runs them beside the compiled migrations.
 */
final class SqlMigrationLocations {

	/** Where the application looks when {@code smalls.sql.locations} is not set. */
	static final String DEFAULT = "classpath:db/migration";

	private final List<String> locations;

	SqlMigrationLocations(List<String> locations) {
		this.locations = locations.isEmpty() ? List.of(DEFAULT) : List.copyOf(locations);
	}

	/**
	 * Give the migrator the project's SQL-file migrations.
	 * @param builder the migrator's builder
	 * @param loader the project's class loader
	 * @param log where to say what was left out
	 */
	void configure(SmallsMigrator.Builder builder, ClassLoader loader, Log log) {
		List<String> files = files(loader, log);
		if (!files.isEmpty()) {
			log.warn("This version of smalls runs no SQL-file migrations, so " + String.join(", ", files)
					+ ((files.size() == 1) ? " is" : " are") + " left out of every goal (as the application leaves "
					+ "them out). Write them as migration classes, or use a smalls version that runs SQL files.");
		}
	}

	private List<String> files(ClassLoader loader, Log log) {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
		List<String> files = new ArrayList<>();
		for (String location : this.locations) {
			String pattern = (location.contains(":") ? location.replaceFirst("^classpath:", "classpath*:")
					: "classpath*:" + location) + "/V*__*.sql";
			try {
				for (Resource resource : resolver.getResources(pattern)) {
					files.add(resource.getFilename());
				}
			}
			catch (IOException ex) {
				// A location that cannot be read has no files: the application would find none there either.
				log.debug("Could not read SQL migrations in " + location, ex);
			}
		}
		return files;
	}

}
