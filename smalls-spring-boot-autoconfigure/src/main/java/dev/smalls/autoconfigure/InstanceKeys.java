package dev.smalls.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

import dev.smalls.SmallsInstances;

/**
 * Refuses a key under {@code smalls.instances.<name>} that no setting has. Spring Boot binds
 * a map's values and ignores what does not fit, so {@code smalls.instances.billing.tabel}
 * would otherwise migrate into the default history table, and
 * {@code smalls.instances.billing.datasorce} would say only that no database is configured.
 */
final class InstanceKeys {

	/** Every key an instance takes, in its documented (dashed) form. */
	static final List<String> KEYS = List.of("enabled", "datasource", "url", "username", "password",
			"driver-class-name", "migrations-package", "sql-locations", "sql-placeholders", "table", "lock", "lock-timeout", "lock-lease", "out-of-order",
			"edited-migrations", "migration-timeout", "target");

	/** The keys that take an index or a name after them: a list and a map. */
	private static final List<String> NESTED = List.of("sql-locations", "sql-placeholders");

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("smalls.instances");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

	private InstanceKeys() {
	}

	/**
	 * Check the keys given for instances, in every property source of the environment.
	 * @param environment the environment
	 * @throws InstanceConfigurationException on the first unknown key
	 */
	static void check(Environment environment) {
		Map<String, String> uniform = new LinkedHashMap<>();
		KEYS.forEach((key) -> uniform.put(ConfigurationPropertyName.of(key).toString().replace("-", ""), key));
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.stream().filter(PREFIX::isAncestorOf).forEach((name) -> check(name, uniform));
		}
	}

	private static void check(ConfigurationPropertyName name, Map<String, String> uniform) {
		if (name.getNumberOfElements() < 4) {
			return;
		}
		String instance = name.getElement(2, Form.ORIGINAL);
		if (!NAME.matcher(instance).matches()) {
			throw new InstanceConfigurationException("smalls.instances has an instance named '" + instance
					+ "', which cannot be part of a path or a command.", "Name each instance with letters, digits, "
							+ "'-' and '_' only, e.g. smalls.instances.billing.datasource=billingDataSource.");
		}
		String key = name.getElement(3, Form.UNIFORM);
		boolean nested = name.getNumberOfElements() > 4;
		if (!uniform.containsKey(key) || (nested && !NESTED.contains(uniform.get(key)))) {
			String closest = SmallsInstances.closest(key, uniform.keySet());
			throw new InstanceConfigurationException("Unknown property '" + name + "': smalls instances have no '"
					+ name.getElement(3, Form.DASHED) + (nested ? "...'" : "'") + " setting; did you mean "
					+ "'smalls.instances." + instance + "." + uniform.get(closest) + "'?",
					"Fix the key. An instance takes: " + String.join(", ", KEYS) + ".");
		}
	}

}
