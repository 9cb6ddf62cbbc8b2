package dev.smalls.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsValidationException;

/**
 * The migrations the code defines, by sequence, checked once: unique sequences of 1 or more,
 * safe names.
 */
public final class MigrationCatalog {

	private final TreeMap<Integer, SmallsMigration> bySequence = new TreeMap<>();

	private final Map<SmallsMigration, String> names = new IdentityHashMap<>();

	private final @Nullable SmallsValidationException problem;

	public MigrationCatalog(Collection<? extends SmallsMigration> migrations) {
		List<String> problems = new ArrayList<>();
		for (SmallsMigration migration : migrations) {
			String type = migration.getClass().getName();
			int sequence = migration.sequence();
			String name = migration.name();
			this.names.put(migration, name);
			if (sequence < 1) {
				problems.add(type + " has sequence " + sequence + "; sequences start at 1");
			}
			if (!MigrationNames.isValid(name)) {
				problems.add(type + " has the name '" + name + "'; a name is 1 to 100 lower case letters, digits "
						+ "and underscores (override name() or rename the class)");
			}
			SmallsMigration other = this.bySequence.putIfAbsent(sequence, migration);
			if (other != null) {
				problems.add(other.getClass().getName() + " and " + type + " both have sequence "
						+ MigrationNames.display(sequence));
			}
		}
		this.problem = problems.isEmpty() ? null
				: new SmallsValidationException("The migrations in the code are inconsistent: "
						+ String.join("; ", problems) + ". Nothing was run.",
						"Give every SmallsMigration bean its own sequence of 1 or more and a snake_case name, "
								+ "then start again.");
	}

	/**
	 * Throw if the migrations cannot be run as they are.
	 * @throws SmallsValidationException naming every problem found
	 */
	public void validate() {
		if (this.problem != null) {
			throw this.problem;
		}
	}

	/**
	 * The migration with a sequence.
	 * @param sequence the sequence
	 * @return the migration, or {@code null} if the code has none
	 */
	public @Nullable SmallsMigration get(int sequence) {
		return this.bySequence.get(sequence);
	}

	/**
	 * The name of a migration, read once.
	 * @param migration a migration of this catalog
	 * @return its name
	 */
	public String nameOf(SmallsMigration migration) {
		return this.names.get(migration);
	}

	/**
	 * Every migration, by sequence.
	 * @return an unmodifiable view, ascending
	 */
	public Map<Integer, SmallsMigration> bySequence() {
		return Collections.unmodifiableSortedMap(this.bySequence);
	}

	/**
	 * The highest sequence in the code.
	 * @return the sequence, 0 if there are no migrations
	 */
	public int maxSequence() {
		return this.bySequence.isEmpty() ? 0 : this.bySequence.lastKey();
	}

}
