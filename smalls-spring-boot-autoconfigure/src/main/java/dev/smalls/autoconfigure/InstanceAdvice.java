package dev.smalls.autoconfigure;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default set's start-up advice, told for one instance: its properties
 * ({@code smalls.instances.billing.out-of-order} for {@code smalls.out-of-order}), its
 * endpoint paths ({@code /actuator/smalls/instances/billing/repair}) and its commands
 * ({@code 'smalls repair 3 --instance billing'}). Rewritten rather than written twice, so that
 * every piece of advice the default set has, an instance has too.
 */
final class InstanceAdvice {

	/** The settings an instance has of its own, and the top-level name of each. */
	private static final List<String> OWN = List.of("table", "lock-timeout", "lock-lease", "lock", "out-of-order",
			"edited-migrations", "migration-timeout", "target", "url", "user", "password", "enabled");

	private static final Pattern PROPERTY = Pattern.compile("smalls\\.(" + String.join("|", OWN) + ")(?![\\w.-])");

	private static final Pattern ENDPOINT = Pattern.compile("/actuator/smalls(?![\\w-])");

	private static final Pattern COMMAND = Pattern.compile("'(smalls [a-z][^']*)'");

	private InstanceAdvice() {
	}

	static String forInstance(String advice, String instance) {
		String prefix = "smalls.instances." + instance + ".";
		Matcher property = PROPERTY.matcher(advice);
		StringBuilder rewritten = new StringBuilder();
		while (property.find()) {
			String key = property.group(1).equals("user") ? "username" : property.group(1);
			property.appendReplacement(rewritten, Matcher.quoteReplacement(prefix + key));
		}
		property.appendTail(rewritten);
		String paths = ENDPOINT.matcher(rewritten)
			.replaceAll(Matcher.quoteReplacement("/actuator/smalls/instances/" + instance));
		return COMMAND.matcher(paths).replaceAll(Matcher.quoteReplacement("'") + "$1"
				+ Matcher.quoteReplacement(" --instance " + instance + "'"));
	}

}
