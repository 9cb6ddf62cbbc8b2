package dev.smalls.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.DataMigration;
import dev.smalls.DependsOnData;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.SqlFileMigration;
import dev.smalls.schema.SchemaMigration;

/**
 * The migrations the code defines, by sequence, checked once when it is built: unique
 * sequences of 1 or more, safe names.
 * <p>
 * Held as arrays sorted by sequence, each migration's {@code sequence()} and {@code name()}
 * read once: it is built at every start-up, for however many migrations there are.
 * Internal: not for use outside smalls.
 */
final class MigrationCatalog {

	/** Ascending, one per sequence (the first of duplicates; duplicates fail validation). */
	private final int[] sequences;

	private final SmallsMigration[] migrations;

	private final String[] names;

	private final List<String> problems;

	private final List<Integer> problemSequences;

	/**
	 * The checksums the code gives, each computed when first asked for: a start-up compares
	 * only the applied migrations that recorded one.
	 */
	private final @Nullable String[] checksums;

	private final boolean[] computed;

	private volatile @Nullable Boolean anyChecksum;

	/** Which positions hold data migrations; {@code null} when none does (the usual case). */
	private final boolean @Nullable [] data;


	public MigrationCatalog(Collection<? extends SmallsMigration> migrations) {
		SmallsMigration[] given = migrations.toArray(new SmallsMigration[0]);
		String[] givenNames = new String[given.length];
		// Sort (sequence, position) pairs packed in longs: no boxing, stable for duplicates.
		// Beans mostly arrive in sequence order already (M0001..., M0002...): then skip the sort.
		long[] order = new long[given.length];
		boolean sorted = true;
		boolean[] invalidName = null;
		for (int i = 0; i < given.length; i++) {
			order[i] = ((long) given[i].sequence() << 32) | i;
			givenNames[i] = given[i].name();
			sorted &= (i == 0 || order[i - 1] < order[i]);
			// Checked here, while each migration and its name are at hand: a second walk over
			// thousands of them costs a cache miss each, at every start-up.
			if (!MigrationNames.isValid(givenNames[i])) {
				invalidName = (invalidName != null) ? invalidName : new boolean[given.length];
				invalidName[i] = true;
			}
		}
		if (!sorted) {
			Arrays.sort(order);
		}
		List<String> problems = new ArrayList<>();
		List<Integer> problemSequences = new ArrayList<>();
		int[] sequences = new int[given.length];
		SmallsMigration[] inOrder = new SmallsMigration[given.length];
		boolean[] isData = new boolean[given.length];
		String[] names = new String[given.length];
		int count = 0;
		for (long entry : order) {
			int sequence = (int) (entry >> 32);
			int index = (int) entry;
			// Only a problem dereferences the migration again: at every start-up, with thousands
			// of them, each dereference is a cache miss.
			SmallsMigration migration = given[index];
			if (sequence < 1) {
				problems.add(typeOf(migration) + " has sequence " + sequence + "; sequences start at 1");
				problemSequences.add(sequence);
			}
			if (invalidName != null && invalidName[index]) {
				problems.add(typeOf(migration) + " has the name '" + printable(givenNames[index])
						+ "'; a name is 1 to 100 lower case letters, digits and underscores (override name() or "
						+ "rename the class)");
				problemSequences.add(sequence);
			}
			if (count > 0 && sequences[count - 1] == sequence) {
				problems.add(typeOf(inOrder[count - 1]) + " and " + typeOf(migration) + " both have sequence "
						+ MigrationNames.display(sequence));
				problemSequences.add(sequence);
				continue;
			}
			sequences[count] = sequence;
			inOrder[count] = migration;
			isData[count] = migration instanceof DataMigration;
			names[count] = givenNames[index];
			count++;
		}
		boolean[] data = null;
		for (int i = 0; i < count; i++) {
			if (isData[i]) {
				data = (data != null) ? data : new boolean[count];
				data[i] = true;
			}
		}
		this.data = data;
		this.sequences = Arrays.copyOf(sequences, count);
		this.migrations = Arrays.copyOf(inOrder, count);
		this.names = Arrays.copyOf(names, count);
		this.checksums = new String[count];
		this.computed = new boolean[count];
		this.problems = problems.isEmpty() ? List.of() : List.copyOf(problems);
		// No stream on the happy path: this is built at every start, in a fresh JVM too.
		this.problemSequences = problems.isEmpty() ? List.of()
				: problemSequences.stream().distinct().sorted().toList();
	}

	/** What names a migration for the person who fixes it: its class, or a SQL file's location. */
	private static String typeOf(SmallsMigration migration) {
		return (migration instanceof SqlFileMigration file) ? file.location() : migration.getClass().getName();
	}

	/** A name as it may be shown: at most 100 characters, nothing that could forge a line. */
	private static String printable(@Nullable String name) {
		if (name == null) {
			return "null";
		}
		String shown = name.replaceAll("\\p{Cntrl}", "?");
		return (shown.length() > 100) ? shown.substring(0, 100) + "..." : shown;
	}

	/**
	 * What is wrong with the migrations, if anything.
	 * @return one sentence per problem, empty when they can run
	 */
	public List<String> problems() {
		return this.problems;
	}

	/**
	 * Throw if the migrations cannot be run as they are.
	 * @throws SmallsValidationException naming every problem found
	 */
	public void validate() {
		if (!this.problems.isEmpty()) {
			throw new SmallsValidationException(Problem.INVALID_MIGRATIONS, this.problemSequences,
					"The migrations in the code are inconsistent: " + String.join("; ", this.problems)
							+ ". Nothing was run.",
					"Give every SmallsMigration (and SQL file) its own sequence of 1 or more and a snake_case name.");
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
	 * The name of the migration at a position, read once.
	 * @param index from 0 to {@link #size()} - 1
	 * @return the name
	 */
	public String nameAt(int index) {
		return this.names[index];
	}

	/**
	 * The position of a sequence.
	 * @param sequence the sequence
	 * @return its index, or a negative number if the code has no migration with it
	 */
	public int indexOf(int sequence) {
		return Arrays.binarySearch(this.sequences, sequence);
	}

	/**
	 * The migration with a sequence.
	 * @param sequence the sequence
	 * @return the migration, or {@code null} if the code has none
	 */
	public @Nullable SmallsMigration get(int sequence) {
		int index = indexOf(sequence);
		return (index >= 0) ? this.migrations[index] : null;
	}

	/**
	 * The name of the migration with a sequence, read once.
	 * @param sequence the sequence
	 * @return the name, or {@code null} if the code has no migration with it
	 */
	public @Nullable String nameOf(int sequence) {
		int index = indexOf(sequence);
		return (index >= 0) ? this.names[index] : null;
	}

	/**
	 * The checksum the code of the migration at a position gives now.
	 * @param index from 0 to {@link #size()} - 1
	 * @return the checksum, or {@code null} for code that declares none (or cannot say)
	 */
	public synchronized @Nullable String checksumAt(int index) {
		if (!this.computed[index]) {
			String checksum;
			try {
				checksum = Checksums.of(this.migrations[index], this.sequences[index], this.names[index]);
			}
			catch (RuntimeException ex) {
				// Code that cannot say what it records (a refused operation, a failing checksum()):
				// not compared here; the step that runs it fails with a report of its own.
				checksum = null;
			}
			this.checksums[index] = checksum;
			this.computed[index] = true;
		}
		return this.checksums[index];
	}

	/**
	 * Whether any migration's code may give a checksum (a schema migration, or one that
	 * declares one): only then is there anything to compare with the history. Asks each
	 * migration for its declared checksum once; computes no digest.
	 * @return {@code true} if one may
	 */
	public boolean hasChecksums() {
		Boolean any = this.anyChecksum;
		if (any == null) {
			any = false;
			for (SmallsMigration migration : this.migrations) {
				if (migration instanceof SchemaMigration || declares(migration)) {
					any = true;
					break;
				}
			}
			this.anyChecksum = any;
		}
		return any;
	}

	private static boolean declares(SmallsMigration migration) {
		try {
			return migration.checksum() != null;
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	/**
	 * Whether any migration is a data migration.
	 * @return {@code true} if one is
	 */
	public boolean hasData() {
		return this.data != null;
	}

	/**
	 * Whether the migration at a position is a {@link DataMigration}: run in batches by the
	 * data runner, never by a migrate.
	 * @param index from 0 to {@link #size()} - 1
	 * @return {@code true} for a data migration
	 */
	public boolean isDataAt(int index) {
		return this.data != null && this.data[index];
	}

	/**
	 * The data migrations the migration at a position must wait for.
	 * @param index from 0 to {@link #size()} - 1
	 * @return their sequences, empty for none
	 */
	public int[] dependsOnDataAt(int index) {
		// Read when asked (of pending migrations only): an annotation read of every migration
		// would cost every start-up, class by class.
		DependsOnData depends = this.migrations[index].getClass().getAnnotation(DependsOnData.class);
		return (depends != null) ? depends.value() : new int[0];
	}

	/**
	 * The highest sequence in the code.
	 * @return the sequence, 0 if there are no migrations
	 */
	public int maxSequence() {
		return (this.sequences.length == 0) ? 0 : this.sequences[this.sequences.length - 1];
	}

}
