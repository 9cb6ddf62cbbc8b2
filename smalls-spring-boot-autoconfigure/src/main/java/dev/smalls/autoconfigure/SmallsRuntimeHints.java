package dev.smalls.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ResourceUtils;

/**
 * What a native image needs to keep for smalls whatever the configuration: the default init
 * and seed scripts. Locations configured at build time are added by
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
