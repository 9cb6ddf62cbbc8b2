package dev.smalls.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.SqlFileMigration;
import dev.smalls.schema.SchemaMigration;

/**
 * Decides what a run does, from the migrations in the code and the history in the database,
 * without touching either: pure logic, tested without a database. Every refusal is raised
 * here, before anything changes. Internal: not for use outside smalls.
 */
final class MigrationPlanner {

	/** A migrate target meaning "everything pending". */
	public static final int EVERYTHING = Integer.MAX_VALUE;

	private final MigrationCatalog catalog;

	private final boolean outOfOrder;

	public MigrationPlanner(MigrationCatalog catalog, boolean outOfOrder) {
		this.catalog = catalog;
		this.outOfOrder = outOfOrder;
	}

	/**
	 * The migrations planned against.
	 * @return the catalog
	 */
	public MigrationCatalog catalog() {
		return this.catalog;
	}

	/**
	 * The migrations a migrate applies, in order.
	 * @param applied what the history records
	 * @param target the highest sequence to apply, or {@link #EVERYTHING}
	 * @return the migrations' positions in the catalog, ascending; empty when nothing is
	 * pending
	 * @throws SmallsValidationException when a pending migration is below the current
	 * sequence (unless out-of-order is allowed) or the target is below it
	 */
	public int[] migrate(AppliedSequences applied, int target) {
		requireNonNegative(target, "migrate target", "Pass the sequence to migrate up to, or none to apply everything.");
		this.catalog.validate();
		int current = applied.current();
		int[] pending = new int[this.catalog.size()];
		int count = 0;
		List<Integer> early = new ArrayList<>();
		// Both are sorted by sequence: one merge walk, however many migrations there are.
		int next = 0;
		boolean data = this.catalog.hasData();
		for (int i = 0; i < this.catalog.size(); i++) {
			int sequence = this.catalog.sequenceAt(i);
			if (sequence > target) {
				break;
			}
			while (next < applied.size() && applied.sequenceAt(next) < sequence) {
				next++;
			}
			if (next == applied.size() || applied.sequenceAt(next) != sequence) {
				if (data && this.catalog.isDataAt(i)) {
					// Run in batches once the application is ready, never by a migrate.
					continue;
				}
				if (waitsForData(applied, i) != null) {
					// This one and everything after it wait for the data migration to be done.
					break;
				}
				pending[count++] = i;
				if (sequence < current) {
					early.add(sequence);
				}
			}
		}
		if (!early.isEmpty() && !this.outOfOrder) {
			throw new SmallsValidationException(Problem.OUT_OF_ORDER, early,
					displayAll(early) + ((early.size() == 1) ? " is" : " are") + " pending but "
							+ MigrationNames.display(current) + " is already applied. Nothing was run.",
					"Migrations apply in sequence order: renumber the pending migration above "
							+ MigrationNames.display(current) + ", or build the migrator with outOfOrder(true) to "
							+ "apply it anyway.");
		}
		if (count == 0 && target != EVERYTHING && target < current) {
			throw new SmallsValidationException(Problem.TARGET_BELOW_CURRENT, List.of(target),
					"Cannot migrate to " + MigrationNames.display(target) + ": the current sequence is already "
							+ MigrationNames.display(current) + ". Nothing was run.",
					"Migrate only moves forward; to go back to " + MigrationNames.display(target)
							+ ", roll back to it.");
		}
		return Arrays.copyOf(pending, count);
	}

	/**
	 * The data migration a migration must wait for, if any.
	 * @param applied what the history records
	 * @param index the migration's position in the catalog
	 * @return the sequence of the first data migration it depends on that is not done, or
	 * {@code null} if it need not wait
	 */
	public @Nullable Integer waitsForData(AppliedSequences applied, int index) {
		for (int needed : this.catalog.dependsOnDataAt(index)) {
			if (applied.contains(needed)) {
				continue;
			}
			int at = this.catalog.indexOf(needed);
			int sequence = this.catalog.sequenceAt(index);
			if (at < 0 || !this.catalog.isDataAt(at) || needed >= sequence) {
				throw new SmallsValidationException(Problem.INVALID_MIGRATIONS, List.of(sequence),
						this.catalog.migrationAt(index).getClass().getName() + " depends on data migration "
								+ MigrationNames.display(needed) + ", but " + ((at < 0 || !this.catalog.isDataAt(at))
										? "the code has no data migration with that sequence, and none is applied"
										: "it comes after it; a migration can only wait for a data migration below it")
								+ ". Nothing was run.",
						"Name in @DependsOnData the sequence of a DataMigration below it, or remove the annotation.");
			}
			return needed;
		}
		return null;
	}

	/**
	 * What a migrate leaves waiting for data migrations, if anything.
	 * @param applied what the history records
	 * @return a sentence for the log, or {@code null} if nothing waits
	 */
	public @Nullable String waiting(AppliedSequences applied) {
		if (!this.catalog.hasData()) {
			return null;
		}
		for (int i = 0; i < this.catalog.size(); i++) {
			int sequence = this.catalog.sequenceAt(i);
			if (this.catalog.isDataAt(i) || applied.contains(sequence)) {
				continue;
			}
			Integer needed = waitsForData(applied, i);
			if (needed != null) {
				return MigrationNames.display(sequence, this.catalog.nameAt(i)) + " and the migrations after it wait "
						+ "for data migration " + MigrationNames.display(needed, this.catalog.nameOf(needed))
						+ ": they are applied by a migrate once it is done";
			}
		}
		return null;
	}

	/**
	 * The rows a rollback to {@code target} undoes: every applied migration above it, newest
	 * first.
	 * @param history what the history records
	 * @param target the sequence that stays applied; 0 for everything
	 * @return the rows to undo, newest first
	 * @throws SmallsValidationException when the target is above the current sequence or a
	 * migration to undo is missing from the code
	 */
	public List<HistoryRow> rollbackTo(History history, int target) {
		requireNonNegative(target, "rollback target",
				"Pass the sequence that should stay applied, e.g. 2; 0 rolls back everything.");
		this.catalog.validate();
		if (target > history.current()) {
			throw new SmallsValidationException(Problem.TARGET_ABOVE_CURRENT, List.of(target),
					"Cannot roll back to " + MigrationNames.display(target) + ": the current sequence is "
							+ MigrationNames.display(history.current()) + ". Nothing was rolled back.",
					"The target is the sequence that stays applied; pick one at or below the current sequence "
							+ "(0 rolls back everything).");
		}
		List<HistoryRow> rows = history.rows()
			.stream()
			.filter((row) -> row.sequence() > target)
			.sorted(Comparator.comparingInt(HistoryRow::sequence).reversed())
			.toList();
		return undoable(rows, "roll back to " + MigrationNames.display(target));
	}

	/**
	 * The rows of the latest {@code batches} batches, newest batch first and, within a batch,
	 * newest sequence first.
	 * @param history what the history records
	 * @param batches how many batches, 1 or more
	 * @return the rows to undo
	 * @throws SmallsValidationException when a migration to undo is missing from the code
	 */
	public List<HistoryRow> rollbackBatches(History history, int batches) {
		if (batches < 1) {
			throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(),
					"The number of batches to roll back must be 1 or more, not " + batches + ".",
					"Pass how many of the latest migrate runs to undo, e.g. 1.");
		}
		this.catalog.validate();
		TreeSet<Integer> latest = new TreeSet<>(Comparator.reverseOrder());
		history.rows().forEach((row) -> latest.add(row.batch()));
		List<Integer> chosen = latest.stream().limit(batches).toList();
		List<HistoryRow> rows = history.rows()
			.stream()
			.filter((row) -> chosen.contains(row.batch()))
			.sorted(Comparator.comparingInt(HistoryRow::batch).thenComparingInt(HistoryRow::sequence).reversed())
			.toList();
		return undoable(rows, "roll back the last " + batches + ((batches == 1) ? " batch" : " batches"));
	}

	private List<HistoryRow> undoable(List<HistoryRow> rows, String what) {
		RecordedRows.refuseUndo(rows, this.catalog, what);
		List<Integer> missing = rows.stream()
			.filter((row) -> this.catalog.indexOf(row.sequence()) < 0)
			.map(HistoryRow::sequence)
			.sorted()
			.toList();
		if (!missing.isEmpty()) {
			List<String> shown = rows.stream()
				.filter((row) -> missing.contains(row.sequence()))
				.map((row) -> MigrationNames.display(row.sequence(), row.name()))
				.sorted()
				.toList();
			throw new SmallsValidationException(Problem.MISSING_MIGRATION, missing,
					"Cannot " + what + ": " + String.join(", ", shown) + ((shown.size() == 1) ? " is" : " are")
							+ " recorded as applied, but the code has no migration with that sequence, so smalls "
							+ "cannot undo it. Nothing was rolled back.",
					"Restore the migration class with its rollback, or roll back less. If its changes are really "
							+ "gone from the database, delete its row from the history table by hand.");
		}
		for (HistoryRow row : rows) {
			if (this.catalog.get(row.sequence()) instanceof SqlFileMigration file && file.irreversibleReason() != null) {
				throw new SmallsValidationException(Problem.IRREVERSIBLE, List.of(row.sequence()),
						"Cannot " + what + ": " + MigrationNames.display(row.sequence(), row.name())
								+ " cannot be rolled back: " + file.irreversibleReason() + ". Nothing was rolled back.",
						"Add " + file.rollbackScript() + " with the statements that undo " + file.script()
								+ ", or roll back to " + MigrationNames.display(row.sequence()) + " or above.");
			}
			if (this.catalog.get(row.sequence()) instanceof SchemaMigration schema) {
				String reason = schema.irreversibleReason();
				if (reason != null) {
					throw new SmallsValidationException(Problem.IRREVERSIBLE, List.of(row.sequence()),
							"Cannot " + what + ": " + MigrationNames.display(row.sequence(), row.name())
									+ " cannot be rolled back: " + reason + ". Nothing was rolled back.",
							"Roll back to " + MigrationNames.display(row.sequence()) + " or above, or write a new "
									+ "migration that undoes what you need.");
				}
			}
		}
		return rows;
	}

	/**
	 * Every migration known to the code or the history, in sequence order.
	 * @param history what the history records
	 * @return the status
	 */
	public MigrationStatus status(History history) {
		List<MigrationInfo> migrations = new ArrayList<>(this.catalog.size() + history.rows().size());
		List<HistoryRow> rows = history.rows();
		int i = 0;
		int r = 0;
		while (i < this.catalog.size() || r < rows.size()) {
			int codeSequence = (i < this.catalog.size()) ? this.catalog.sequenceAt(i) : Integer.MAX_VALUE;
			HistoryRow row = (r < rows.size()) ? rows.get(r) : null;
			int rowSequence = (row != null) ? row.sequence() : Integer.MAX_VALUE;
			if (row == null || codeSequence < rowSequence) {
				migrations.add(new MigrationInfo(codeSequence, this.catalog.nameAt(i), MigrationState.PENDING, null,
						null, null, null));
				i++;
			}
			else {
				boolean inCode = codeSequence == rowSequence;
				// A row recorded without running (a baseline, an adopted migration) needs no code.
				MigrationState state = !inCode
						? ((row.origin() != null) ? MigrationState.APPLIED : MigrationState.MISSING)
						: Checksums.edited(row.checksum(), this.catalog.checksumAt(i)) ? MigrationState.EDITED
								: MigrationState.APPLIED;
				migrations.add(new MigrationInfo(rowSequence, inCode ? this.catalog.nameAt(i) : row.name(), state,
						row.batch(), row.appliedAt(), row.executionMillis(), row.appliedBy(), row.checksum(),
						row.origin()));
				i += inCode ? 1 : 0;
				r++;
			}
		}
		return new MigrationStatus(history.current(), migrations, codeless(migrations));
	}

	/**
	 * What to say of adopted migrations the code has no migration for: Flyway's Java
	 * migrations, by name, need a port; SQL files need the folder Flyway ran them from.
	 */
	private List<String> codeless(List<MigrationInfo> migrations) {
		List<String> java = new ArrayList<>();
		int sql = 0;
		for (MigrationInfo migration : migrations) {
			String origin = migration.origin();
			if (origin == null || Origins.isBaseline(origin) || this.catalog.indexOf(migration.sequence()) >= 0) {
				continue;
			}
			if (Origins.isFlywayJava(origin)) {
				java.add(migration.displayName());
			}
			else if (origin.startsWith("flyway ")) {
				sql++;
			}
		}
		List<String> notes = new ArrayList<>();
		if (!java.isEmpty()) {
			List<String> shown = (java.size() > 10) ? java.subList(0, 10) : java;
			notes.add("Adopted from Flyway's Java migrations, not yet ported to smalls: " + String.join(", ", shown)
					+ ((java.size() > shown.size()) ? " and " + (java.size() - shown.size()) + " more" : "")
					+ ". They count as applied; to roll " + ((java.size() == 1) ? "it" : "them") + " back or run "
					+ ((java.size() == 1) ? "it" : "them") + " on a new database, write a SmallsMigration with the same "
					+ "sequence, its migrate the Flyway migration's migrate(Context), its rollback the undo.");
		}
		if (sql > 0) {
			notes.add(sql + " migration" + ((sql == 1) ? " was" : "s were") + " adopted from Flyway's SQL files that "
					+ "smalls does not find: add Flyway's folder to smalls.sql.locations (classpath:db/migration is "
					+ "the default) to roll them back or run them on a new database.");
		}
		return notes;
	}

	/**
	 * The applied migrations whose code gives another checksum than the one recorded.
	 * @param applied the applied sequences, with their checksums
	 * @return the edited migrations' positions in the catalog, ascending
	 */
	public List<Integer> edited(AppliedSequences applied) {
		List<Integer> edited = new ArrayList<>();
		int next = 0;
		for (int i = 0; i < this.catalog.size() && next < applied.size(); i++) {
			int sequence = this.catalog.sequenceAt(i);
			while (next < applied.size() && applied.sequenceAt(next) < sequence) {
				next++;
			}
			if (next < applied.size() && applied.sequenceAt(next) == sequence) {
				String recorded = applied.checksumAt(next);
				if (recorded != null && !Checksums.declaresRecorded(this.catalog.migrationAt(i), recorded)
						&& Checksums.edited(recorded, this.catalog.checksumAt(i))) {
					edited.add(i);
				}
			}
		}
		return edited;
	}

	/**
	 * The rows of a history whose migrations' code gives another checksum than the one
	 * recorded.
	 * @param rows the rows, e.g. those a rollback undoes
	 * @return the edited migrations' positions in the catalog, ascending
	 */
	public List<Integer> edited(List<HistoryRow> rows) {
		List<Integer> edited = new ArrayList<>();
		for (HistoryRow row : rows) {
			int index = this.catalog.indexOf(row.sequence());
			if (index >= 0 && Checksums.edited(row.checksum(), this.catalog.checksumAt(index))) {
				edited.add(index);
			}
		}
		edited.sort(null);
		return edited;
	}

	private static void requireNonNegative(int value, String what, String action) {
		if (value < 0) {
			throw new SmallsValidationException(Problem.INVALID_ARGUMENT, List.of(),
					"The " + what + " must be 0 or more, not " + value + ".", action);
		}
	}

	private String displayAll(List<Integer> sequences) {
		return String.join(", ", sequences.stream()
			.map((sequence) -> MigrationNames.display(sequence, this.catalog.nameAt(this.catalog.indexOf(sequence))))
			.toList());
	}

}
