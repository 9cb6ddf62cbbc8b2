package dev.smalls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.smalls.SmallsValidationException.Problem;

/**
 * The application's migration sets besides its default one, by name: each its own
 * migrations on its own database, with its own history table and lock, and its own
 * {@link SmallsMigrator}. Unlike {@link SmallsTenants} (the same migrations on many
 * schemas), each set has migrations of its own. A name that is not there is refused,
 * naming the closest one, so that a typo never acts on another database.
 */
public final class SmallsInstances {

	private final Map<String, SmallsMigrator> migrators;

	private SmallsInstances(Map<String, SmallsMigrator> migrators) {
		this.migrators = migrators;
	}

	/**
	 * The sets, in the order given.
	 * @param migrators each set's migrator, by the set's name
	 * @return the sets
	 */
	public static SmallsInstances of(Map<String, SmallsMigrator> migrators) {
		Assert.notNull(migrators, "'migrators' must not be null");
		migrators.keySet().forEach((name) -> Assert.hasText(name, "An instance's name must not be empty"));
		return new SmallsInstances(new LinkedHashMap<>(migrators));
	}

	/**
	 * The names of the sets, in order.
	 * @return the names
	 */
	public Set<String> names() {
		return java.util.Collections.unmodifiableSet(this.migrators.keySet());
	}

	/**
	 * Whether a set of that name is there.
	 * @param name the name
	 * @return {@code true} if it is
	 */
	public boolean contains(String name) {
		return this.migrators.containsKey(name);
	}

	/**
	 * Every set's migrator, by name, in order.
	 * @return the migrators
	 */
	public Map<String, SmallsMigrator> migrators() {
		return java.util.Collections.unmodifiableMap(this.migrators);
	}

	/**
	 * A set's migrator.
	 * @param name the set's name
	 * @return its migrator
	 * @throws SmallsValidationException ({@link Problem#INVALID_ARGUMENT}) if there is no
	 * set of that name; the message names the closest and every one there is
	 */
	public SmallsMigrator migrator(String name) {
		SmallsMigrator migrator = this.migrators.get(name);
		if (migrator == null) {
			throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(), unknown(name),
					"Name one of the instances: " + String.join(", ", this.migrators.keySet()) + ".");
		}
		return migrator;
	}

	/**
	 * What to say about a name that is not there: which one is closest, and which there are.
	 * @param name the name as given
	 * @return e.g. {@code There is no instance 'bilin'; did you mean 'billing'? The instances
	 * are: orders, billing.}
	 */
	public String unknown(String name) {
		String shown = shown(name);
		if (this.migrators.isEmpty()) {
			return "There is no instance '" + shown + "': this application has none.";
		}
		return "There is no instance '" + shown + "'; did you mean '" + closest(name, this.migrators.keySet())
				+ "'? The instances are: " + String.join(", ", this.migrators.keySet()) + ".";
	}

	/**
	 * The candidate closest to a misspelled name (fewest edits), for an error message.
	 * @param name the name as given
	 * @param candidates the names there are, at least one
	 * @return the closest, or {@code null} when there are none
	 */
	public static @Nullable String closest(String name, Iterable<String> candidates) {
		return MigrationNames.closest(name, candidates);
	}

	private static String shown(String text) {
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() <= 40) ? printable : printable.substring(0, 40) + "...";
	}

}
