package dev.smalls.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrateResult;
import dev.smalls.MigrationExecution;
import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.RollbackResult;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SquashMigration;
import dev.smalls.schema.SquashMigration.Replaced;

/**
 * The squash among the migrations, kept aside from the others so that it never clashes with
 * the migration of its sequence, and the rules of when it runs: only on a database whose
 * history has none of the migrations it replaces. Internal: not for use outside smalls.
 */
final class Squashes {

	private final List<SmallsMigration> others;

	private final @Nullable SquashMigration squash;

	private final List<String> problems;

	private Squashes(List<SmallsMigration> others, @Nullable SquashMigration squash, List<String> problems) {
		this.others = others;
		this.squash = squash;
		this.problems = problems;
	}

	/**
	 * Set the squash, if any, aside from the other migrations.
	 * @param migrations the migrations in the code
	 * @return the split
	 */
	static Squashes split(List<? extends SmallsMigration> migrations) {
		List<SmallsMigration> others = new ArrayList<>(migrations.size());
		List<SquashMigration> squashes = new ArrayList<>(1);
		for (SmallsMigration migration : migrations) {
			if (migration instanceof SquashMigration squash) {
				squashes.add(squash);
			}
			else {
				others.add(migration);
			}
		}
		if (squashes.isEmpty()) {
			return new Squashes(others, null, List.of());
		}
		List<String> problems = new ArrayList<>();
		if (squashes.size() > 1) {
			problems.add("the code has " + squashes.size() + " squashes ("
					+ String.join(", ", squashes.stream().map((squash) -> squash.getClass().getName()).toList())
					+ "); keep only the latest");
		}
		SquashMigration squash = squashes.get(squashes.size() - 1);
		checkReplaced(squash, problems);
		return new Squashes(others, problems.isEmpty() ? squash : null, List.copyOf(problems));
	}

	private static void checkReplaced(SquashMigration squash, List<String> problems) {
		List<Replaced> replaced = squash.replaced();
		String type = squash.getClass().getName();
		if (replaced.isEmpty()) {
			problems.add(type + " replaces no migration");
			return;
		}
		int previous = 0;
		for (Replaced migration : replaced) {
			if (migration.sequence() <= previous) {
				problems.add(type + " lists " + MigrationNames.display(migration.sequence()) + " after "
						+ MigrationNames.display(previous) + "; replaced migrations are listed once each, ascending "
						+ "from 1");
				return;
			}
			if (!MigrationNames.isValid(migration.name())) {
				problems.add(type + " lists " + MigrationNames.display(migration.sequence()) + " with the name '"
						+ migration.name() + "'");
				return;
			}
			previous = migration.sequence();
		}
	}

	/**
	 * The migrations other than the squash.
	 * @return the migrations
	 */
	List<SmallsMigration> others() {
		return this.others;
	}

	/**
	 * The squash, if the code has one that can run.
	 * @return the squash, or {@code null}
	 */
	@Nullable SquashMigration squash() {
		return this.squash;
	}

	/**
	 * Throw if the code's squashes cannot be used as they are.
	 * @throws SmallsValidationException naming the problems
	 */
	void validate() {
		if (!this.problems.isEmpty()) {
			throw new SmallsValidationException(Problem.INVALID_MIGRATIONS, List.of(),
					"The squash in the code is inconsistent: " + String.join("; ", this.problems) + ". Nothing was run.",
					"Keep one squash, as smalls squash wrote it, or delete it and squash again.");
		}
	}

	/**
	 * The migrations as a migrate that runs the squash runs them: the squash, as a plain
	 * schema migration at its sequence (in a transaction, as migrate runs it), then the other
	 * migrations it does not replace.
	 * @return the migrations, or the others where the code has no squash
	 */
	List<SmallsMigration> asMigrateRunsIt() {
		SquashMigration squash = this.squash;
		if (squash == null) {
			return this.others;
		}
		List<SmallsMigration> migrations = new ArrayList<>();
		migrations.add(new AsRun(squash));
		// Those it does not replace, above it or not: migrate goes on with them after the squash.
		this.others.stream().filter((migration) -> !replaces(squash, migration.sequence())).forEach(migrations::add);
		return migrations;
	}

	/**
	 * Whether a database runs the squash: it has none of the replaced migrations applied.
	 * @param applied its applied sequences, {@code null} without a history table
	 * @return {@code true} if it does
	 */
	boolean runsOn(@Nullable AppliedSequences applied) {
		SquashMigration squash = this.squash;
		if (squash == null) {
			return false;
		}
		return applied == null || applied.size() == 0 || applied.sequenceAt(0) > squash.sequence();
	}

	/**
	 * Refuse a migrate of a database that applied some of the replaced migrations, whose
	 * others are pending without their code: the squash cannot build half a schema.
	 * @param applied its applied sequences
	 * @param catalog the other migrations
	 * @throws SmallsValidationException naming the migrations whose code is needed
	 */
	void requireCodeOfPending(@Nullable AppliedSequences applied, MigrationCatalog catalog) {
		SquashMigration squash = this.squash;
		if (squash == null || applied == null) {
			return;
		}
		List<Integer> gone = new ArrayList<>();
		for (Replaced replaced : squash.replaced()) {
			if (!applied.contains(replaced.sequence()) && catalog.indexOf(replaced.sequence()) < 0) {
				gone.add(replaced.sequence());
			}
		}
		if (!gone.isEmpty()) {
			String first = MigrationNames.display(gone.get(0));
			String shown = (gone.size() == 1) ? first
					: first + " and " + (gone.size() - 1) + " more, up to " + MigrationNames.display(gone.get(gone.size() - 1));
			throw new SmallsValidationException(Problem.MISSING_MIGRATION, gone, "This database applied some of the "
					+ "migrations squashed into " + squash.getClass().getName() + ", but not " + shown + ", whose "
					+ "code is gone: the squash only builds a database that has none of them. Nothing was run.",
					"Restore the squashed migration classes from version control (the commit before they were "
							+ "deleted), migrate this database past " + MigrationNames.display(squash.sequence())
							+ ", and delete them again.");
		}
	}

	/**
	 * Whether a rollback to a target undoes the whole squash on a database that has every
	 * replaced migration applied, some of whose code is gone: only the squash can undo them.
	 * @param applied the applied sequences, {@code null} without a history table
	 * @param catalog the other migrations
	 * @param target the sequence that stays applied
	 * @return {@code true} if the squash's rollback is to run
	 */
	boolean rollsBack(@Nullable AppliedSequences applied, MigrationCatalog catalog, int target) {
		SquashMigration squash = this.squash;
		if (squash == null || applied == null) {
			return false;
		}
		List<Replaced> replaced = squash.replaced();
		if (target >= replaced.get(0).sequence()) {
			return false;
		}
		boolean codeGone = false;
		for (Replaced migration : replaced) {
			if (!applied.contains(migration.sequence())) {
				return false;
			}
			codeGone |= catalog.indexOf(migration.sequence()) < 0;
		}
		return codeGone;
	}

	/**
	 * The sequence a rollback of the latest batches leaves applied, where those batches hold
	 * every applied migration above it, and only those: what the rollback to that sequence
	 * undoes.
	 * @param history the history
	 * @param batches how many of the latest batches are rolled back
	 * @return the sequence, or {@code -1} if the batches hold migrations below others that stay
	 */
	static int suffixOf(History history, int batches) {
		TreeSet<Integer> latest = new TreeSet<>(Comparator.reverseOrder());
		history.rows().forEach((row) -> latest.add(row.batch()));
		if (latest.isEmpty()) {
			return -1;
		}
		int oldestUndone = latest.stream().limit(batches).reduce((newer, older) -> older).orElseThrow();
		int target = 0;
		boolean undone = false;
		for (HistoryRow row : history.rows()) {
			boolean undo = row.batch() >= oldestUndone;
			if (!undo && undone) {
				return -1;
			}
			if (!undo) {
				target = row.sequence();
			}
			undone |= undo;
		}
		return target;
	}

	/**
	 * The status from the other migrations, with the squash's part told: replaced migrations
	 * applied without their code are applied, not missing; on a database that runs the squash,
	 * the squash is pending in place of the migrations it replaces.
	 * @param status the status of the other migrations
	 * @param runs whether this database runs the squash
	 * @return the status
	 */
	MigrationStatus status(MigrationStatus status, boolean runs) {
		SquashMigration squash = this.squash;
		if (squash == null) {
			return status;
		}
		int through = squash.sequence();
		String into = MigrationNames.display(through, squash.name()) + " (" + squash.getClass().getName() + ")";
		List<MigrationInfo> migrations = new ArrayList<>(status.migrations().size() + 1);
		List<String> notes = new ArrayList<>(status.notes());
		if (runs) {
			status.migrations().stream().filter((info) -> info.sequence() > through).forEach(migrations::add);
			migrations.add(0, new MigrationInfo(through, squash.name(), MigrationState.PENDING, null, null, null,
					null));
			notes.add("This database has none of " + MigrationNames.display(1) + ".." + MigrationNames.display(through)
					+ " applied: it is built from the squash " + into + " in their place.");
			return new MigrationStatus(status.current(), migrations, notes);
		}
		int squashed = 0;
		for (MigrationInfo info : status.migrations()) {
			if (info.state() == MigrationState.MISSING && replaces(squash, info.sequence())) {
				migrations.add(new MigrationInfo(info.sequence(), info.name(), MigrationState.APPLIED, info.batch(),
						info.appliedAt(), info.executionMillis(), info.appliedBy(), info.checksum()));
				squashed++;
			}
			else {
				migrations.add(info);
			}
		}
		if (squashed > 0) {
			notes.add(squashed + " applied migration" + ((squashed == 1) ? " has" : "s have")
					+ " no code any more: applied (squashed into " + into + ").");
		}
		return new MigrationStatus(status.current(), migrations, notes);
	}

	private static boolean replaces(SquashMigration squash, int sequence) {
		return squash.replaced().stream().anyMatch((replaced) -> replaced.sequence() == sequence);
	}

	/**
	 * A migrate that ran the squash, then the migrations above it.
	 * @param squash what the squash's run did
	 * @param rest what the run of the others did
	 * @return both, as one result
	 */
	static MigrateResult joined(MigrateResult squash, MigrateResult rest) {
		List<MigrationExecution> applied = new ArrayList<>(squash.applied());
		applied.addAll(rest.applied());
		return new MigrateResult((rest.batch() != 0) ? rest.batch() : squash.batch(), applied,
				Math.max(squash.current(), rest.current()));
	}

	/**
	 * A rollback that undid the migrations above the squash, then the squash.
	 * @param above what the rollback of the others did
	 * @param squash what the squash's rollback did
	 * @return both, as one result
	 */
	static RollbackResult joined(RollbackResult above, RollbackResult squash) {
		List<MigrationExecution> rolledBack = new ArrayList<>(above.rolledBack());
		rolledBack.addAll(squash.rolledBack());
		return new RollbackResult(rolledBack, squash.current());
	}

	/** A squash as a plain schema migration: not set aside again by {@link #split}. */
	private record AsRun(SquashMigration squash) implements SchemaMigration, Wrapped {

		@Override
		public Class<?> declaringClass() {
			return this.squash.getClass();
		}

		@Override
		public int sequence() {
			return this.squash.sequence();
		}

		@Override
		public String name() {
			return this.squash.name();
		}

		@Override
		public void change(Schema schema) {
			this.squash.change(schema);
		}

		@Override
		public String toString() {
			return this.squash.getClass().getName();
		}

	}

}
