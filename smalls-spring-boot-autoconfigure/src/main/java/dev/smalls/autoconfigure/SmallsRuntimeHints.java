package dev.smalls.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ResourceUtils;

/**
 * What a native image needs to keep for smalls whatever the configuration: the default init
 * and seed scripts and the SQL files in {@code db/migration}. Locations configured at build time are added by
 * {@link SmallsScriptsAotProcessor}. Everything else smalls runs is a bean or plain Java,
 * which ahead-of-time processing already covers.
 */
class SmallsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		registerScripts(hints,
				Stream.concat(SmallsProperties.Init.DEFAULT_LOCATIONS.stream(),
						SmallsProperties.Seed.DEFAULT_LOCATIONS.stream())
					.toList());
		registerSqlFolders(hints, SmallsProperties.Sql.DEFAULT_LOCATIONS);
	}

	/**
	 * Keep the SQL files (and Flyway script configuration files) in the class path folders
	 * among the given SQL migration locations, and the folders below them.
	 * @param hints where to register them
	 * @param locations folders as configured, e.g. {@code classpath:db/migration}
	 */
	static void registerSqlFolders(RuntimeHints hints, List<String> locations) {
		for (String location : locations) {
			String path = classPathPattern(location);
			if (path != null) {
				String folder = path.endsWith("/") ? path : path + "/";
				hints.resources().registerPattern(folder + "**/*.sql");
				hints.resources().registerPattern(folder + "**/*.sql.conf");
			}
		}
	}

	/**
	 * Keep the class path scripts among the given locations; other locations (files, URLs)
	 * are not in the image anyway.
	 * @param hints where to register them
	 * @param locations script locations as configured, e.g. {@code classpath:smalls/init.sql}
	 */
	static void registerScripts(RuntimeHints hints, List<String> locations) {
		for (String location : locations) {
			String path = classPathPattern(location);
			if (path != null) {
				hints.resources().registerPattern(path);
			}
		}
	}

	private static @Nullable String classPathPattern(String location) {
		for (String prefix : new String[] { ResourceUtils.CLASSPATH_URL_PREFIX, "classpath*:" }) {
			if (location.startsWith(prefix)) {
				return stripLeadingSlash(location.substring(prefix.length()));
			}
		}
		// No prefix: the application context's resource loader looks on the class path.
		return location.contains(":") ? null : stripLeadingSlash(location);
	}

	private static String stripLeadingSlash(String path) {
		return path.startsWith("/") ? path.substring(1) : path;
	}

}
