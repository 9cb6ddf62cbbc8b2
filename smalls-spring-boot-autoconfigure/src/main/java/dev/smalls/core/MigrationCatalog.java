package dev.smalls.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsValidationException;

/**
 * The migrations the code defines, by sequence, checked once: unique sequences of 1 or more,
 * safe names.
 * <p>
 * Held as arrays sorted by sequence, each migration's {@code sequence()} and {@code name()}
 * read once: it is built at every start-up, for however many migrations there are.
 */
public final class MigrationCatalog {

	/** Ascending, one per sequence (the first of duplicates; duplicates fail validation). */
	private final int[] sequences;

	private final SmallsMigration[] migrations;

	private final String[] names;

	private final @Nullable SmallsValidationException problem;

	public MigrationCatalog(Collection<? extends SmallsMigration> migrations) {
		SmallsMigration[] given = migrations.toArray(new SmallsMigration[0]);
		String[] givenNames = new String[given.length];
		// Sort (sequence, position) pairs packed in longs: no boxing, stable for duplicates.
		// Beans mostly arrive in sequence order already (M0001..., M0002...): then skip the sort.
		long[] order = new long[given.length];
		boolean sorted = true;
		for (int i = 0; i < given.length; i++) {
			order[i] = ((long) given[i].sequence() << 32) | i;
			givenNames[i] = given[i].name();
			sorted &= (i == 0 || order[i - 1] < order[i]);
		}
		if (!sorted) {
			Arrays.sort(order);
		}
		List<String> problems = new ArrayList<>();
		int[] sequences = new int[given.length];
		SmallsMigration[] inOrder = new SmallsMigration[given.length];
		String[] names = new String[given.length];
		int count = 0;
		for (long entry : order) {
			int sequence = (int) (entry >> 32);
			int index = (int) entry;
			SmallsMigration migration = given[index];
			String type = migration.getClass().getName();
			if (sequence < 1) {
				problems.add(type + " has sequence " + sequence + "; sequences start at 1");
			}
			if (!MigrationNames.isValid(givenNames[index])) {
				problems.add(type + " has the name '" + givenNames[index] + "'; a name is 1 to 100 lower case letters, "
						+ "digits and underscores (override name() or rename the class)");
			}
			if (count > 0 && sequences[count - 1] == sequence) {
				problems.add(inOrder[count - 1].getClass().getName() + " and " + type + " both have sequence "
						+ MigrationNames.display(sequence));
				continue;
			}
			sequences[count] = sequence;
			inOrder[count] = migration;
			names[count] = givenNames[index];
			count++;
		}
		this.sequences = Arrays.copyOf(sequences, count);
		this.migrations = Arrays.copyOf(inOrder, count);
		this.names = Arrays.copyOf(names, count);
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
	 * How many migrations, one per sequence.
	 * @return the count
	 */
	public int size() {
		return this.sequences.length;
	}

	/**
	 * The sequence at a position in sequence order.
	 * @param index from 0 to {@link #size()} - 1
	 * @return the sequence
	 */
	public int sequenceAt(int index) {
		return this.sequences[index];
	}

	/**
	 * The migration at a position in sequence order.
	 * @param index from 0 to {@link #size()} - 1
	 * @return the migration
	 */
	public SmallsMigration migrationAt(int index) {
		return this.migrations[index];
	}

	/**
	 * The migration with a sequence.
	 * @param sequence the sequence
	 * @return the migration, or {@code null} if the code has none
	 */
	public @Nullable SmallsMigration get(int sequence) {
		int index = Arrays.binarySearch(this.sequences, sequence);
		return (index >= 0) ? this.migrations[index] : null;
	}

	/**
	 * The name of a migration, read once.
	 * @param migration a migration of this catalog
	 * @return its name
	 */
	public String nameOf(SmallsMigration migration) {
		int index = Arrays.binarySearch(this.sequences, migration.sequence());
		return (index >= 0 && this.migrations[index] == migration) ? this.names[index] : migration.name();
	}

	/**
	 * Every migration, by sequence.
	 * @return an unmodifiable map, ascending
	 */
	public Map<Integer, SmallsMigration> bySequence() {
		Map<Integer, SmallsMigration> map = new LinkedHashMap<>();
		for (int i = 0; i < this.sequences.length; i++) {
			map.put(this.sequences[i], this.migrations[i]);
		}
		return Collections.unmodifiableMap(map);
	}

	/**
	 * The highest sequence in the code.
	 * @return the sequence, 0 if there are no migrations
	 */
	public int maxSequence() {
		return (this.sequences.length == 0) ? 0 : this.sequences[this.sequences.length - 1];
	}

}
