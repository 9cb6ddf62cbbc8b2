package dev.smalls.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsInstances;
import dev.smalls.SmallsMigrator;
import dev.smalls.actuate.endpoint.SmallsEndpoint.InstanceDescriptor;
import dev.smalls.actuate.endpoint.WriteRequest.InvalidRequest;

/**
 * The migration sets of {@code smalls.instances} at the endpoint, under
 * {@code /actuator/smalls/instances/{name}}: which migrator a path names (an unknown name is
 * refused, naming the closest), each one's status at a glance, and the advice of the default
 * set's answers told with the instance's paths.
 */
final class EndpointInstances {

	static final String INSTANCES = "instances";

	private static final Pattern PATH = Pattern.compile("/actuator/smalls(?![\\w-])");

	private final @Nullable SmallsInstances instances;

	EndpointInstances(@Nullable SmallsInstances instances) {
		this.instances = instances;
	}

	/**
	 * Every instance's status at a glance.
	 * @return the statuses by instance, or {@code null} when the application has none
	 */
	@Nullable Map<String, InstanceDescriptor> summaries() {
		if (this.instances == null || this.instances.names().isEmpty()) {
			return null;
		}
		Map<String, InstanceDescriptor> summaries = new LinkedHashMap<>();
		this.instances.migrators().forEach((name, migrator) -> {
			try {
				summaries.put(name, InstanceDescriptor.of(migrator.status()));
			}
			catch (RuntimeException ex) {
				summaries.put(name, InstanceDescriptor.failed(String.valueOf(ex.getMessage())));
			}
		});
		return summaries;
	}

	/**
	 * The migrator of the instance a path names.
	 * @param name the instance's name
	 * @param outcome what the refusal adds, e.g. " Nothing was changed."
	 * @return its migrator
	 * @throws InvalidRequest if there is no such instance
	 */
	SmallsMigrator migrator(String name, String outcome) {
		if (this.instances == null || this.instances.names().isEmpty()) {
			throw new InvalidRequest("There is no instance '" + Texts.shown(name) + "': this application configures "
					+ "none." + outcome, "GET /actuator/smalls for the application's status, or configure one with "
							+ "smalls.instances.<name>.datasource.");
		}
		if (!this.instances.contains(name)) {
			throw new InvalidRequest(this.instances.unknown(name) + outcome,
					"GET /actuator/smalls/instances/<name> with one of: " + String.join(", ", this.instances.names())
							+ ".");
		}
		return this.instances.migrator(name);
	}

	/**
	 * Advice written for the default set, with the instance's paths instead.
	 * @param text the advice
	 * @param name the instance
	 * @return the advice for the instance
	 */
	static String forInstance(String text, String name) {
		return PATH.matcher(text).replaceAll(Matcher.quoteReplacement("/actuator/smalls/instances/" + name));
	}

	/**
	 * An answer of the default set's, with the instance's paths in its advice.
	 * @param body the answer's body
	 * @param name the instance
	 * @return the same body
	 */
	static Map<String, Object> forInstance(Map<String, Object> body, String name) {
		body.replaceAll((key, value) -> (value instanceof String text && (key.equals("action") || key.equals("next")))
				? forInstance(text, name) : value);
		return body;
	}

}
