package dev.smalls.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsValidationException;
import dev.smalls.dialect.SqlIdentifiers;
import dev.smalls.generate.Change.AddColumn;
import dev.smalls.generate.Change.AddForeignKey;
import dev.smalls.generate.Change.AddIndex;
import dev.smalls.generate.Change.AlterColumnType;
import dev.smalls.generate.Change.CreateSequence;
import dev.smalls.generate.Change.CreateTable;
import dev.smalls.generate.Change.DropForeignKey;
import dev.smalls.generate.Change.DropIndex;
import dev.smalls.generate.Change.Nullability;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.SchemaSnapshot;

/**
 * Compares the model with the database and lists the changes that bring the database to the
 * model, in an order that runs: what is redefined under the same name is dropped first, then
 * sequences, new tables, new columns, type and nullability changes, indexes and foreign keys,
 * and last what the model no longer has ({@link Removals}).
 */
final class SchemaComparison {

	/** The names schema operations accept; sequences are written as SQL and checked here. */
	private final Model model;

	private final DatabaseSchema database;

	private final List<String> notes = new ArrayList<>();

	private final List<Change> redefinitions = new ArrayList<>();

	private final List<Change> creations = new ArrayList<>();

	private final List<Change> alterations = new ArrayList<>();

	private final List<Change> constraints = new ArrayList<>();

	private final Removals removals;

	SchemaComparison(Model model, DatabaseSchema database) {
		this.model = model;
		this.database = database;
		this.notes.addAll(model.notes());
		this.removals = new Removals(database, this.notes);
	}

	/**
	 * The changes, in the order they run.
	 * @return the changes and what generate noticed but does not write
	 */
	Comparison compare() {
		List<Change> sequences = new ArrayList<>();
		for (Model.Sequence sequence : this.model.sequences()) {
			if (!this.database.hasSequence(sequence.name())) {
				plain("Sequence", sequence.name());
				sequences.add(new CreateSequence(sequence.name(), sequence.initial(), sequence.increment()));
			}
		}
		for (Model.Table table : this.model.tables()) {
			SchemaSnapshot.Table existing = this.database.snapshot().table(table.name());
			if (existing == null) {
				create(table);
			}
			else {
				compare(table, existing);
			}
		}
		for (SchemaSnapshot.Table existing : this.database.snapshot().tables()) {
			if (this.model.table(existing.name()) == null) {
				this.removals.table(existing);
			}
		}
		List<Change> changes = new ArrayList<>(this.redefinitions);
		changes.addAll(sequences);
		changes.addAll(this.creations.stream().filter(CreateTable.class::isInstance).toList());
		changes.addAll(this.creations.stream()
			.filter((change) -> change instanceof AddColumn || change instanceof Change.AddColumnToRows)
			.toList());
		changes.addAll(this.alterations);
		changes.addAll(this.constraints.stream().filter(AddIndex.class::isInstance).toList());
		changes.addAll(this.constraints.stream().filter(AddForeignKey.class::isInstance).toList());
		changes.addAll(this.constraints.stream().filter(Change.AddCheck.class::isInstance).toList());
		changes.addAll(this.removals.changes());
		Map<String, String> owners = new LinkedHashMap<>();
		for (Model.Table table : this.model.tables()) {
			owners.putIfAbsent(table.name().toLowerCase(Locale.ROOT), table.owner());
			table.columns().forEach((column) -> owners.putIfAbsent(column.name().toLowerCase(Locale.ROOT),
					table.owner()));
		}
		return new Comparison(List.copyOf(changes), List.copyOf(this.notes), owners);
	}

	private void create(Model.Table table) {
		List<ColumnSpec> columns = new ArrayList<>();
		for (Model.Column column : table.columns()) {
			if (column.identity() && !column.type().type().equals(ColumnType.BIGINT)) {
				throw new SmallsValidationException("Column " + table.name() + "." + column.name() + " ("
						+ table.owner() + ") is numbered by the database as " + column.type().type() + "; smalls "
						+ "creates database-numbered keys as BIGINT only. No migration was written.",
						"Make the key a Long, or number it with a sequence (GenerationType.SEQUENCE).");
			}
			columns.add(new ColumnSpec(column.name(), column.type(), !column.nullable(),
					table.isKey(column.name()) && !column.identity(), column.identity(), false, column.defaultValue()));
		}
		this.creations.add(new CreateTable(table.name(), List.copyOf(columns)));
		table.checks().forEach((check) -> this.constraints.add(new Change.AddCheck(table.name(),
				checkName(table.name(), check.column()), check.condition(), List.of())));
		table.indexes().forEach((index) -> this.constraints.add(addIndex(table, index)));
		table.foreignKeys().forEach((key) -> this.constraints.add(addForeignKey(table, key)));
	}

	private void compare(Model.Table table, SchemaSnapshot.Table existing) {
		List<SchemaSnapshot.Column> gone = existing.columns().stream()
			.filter((current) -> table.column(current.name()) == null)
			.toList();
		for (Model.Column column : table.columns()) {
			SchemaSnapshot.Column current = existing.column(column.name());
			if (current == null) {
				addColumn(table, existing, column, renamedFrom(existing, column, gone));
			}
			else {
				alter(table, existing, column, current);
			}
		}
		for (SchemaSnapshot.Column current : existing.columns()) {
			if (table.column(current.name()) == null) {
				this.removals.column(existing, current);
			}
		}
		List<String> key = (existing.primaryKey() != null) ? existing.primaryKey().columns() : List.of();
		if (!Model.lower(key).equals(Model.lower(table.primaryKey()))) {
			this.notes.add("The primary key of " + table.name() + " is " + key + " in the database and "
					+ table.primaryKey() + " in the model: generate does not change keys; write that by hand.");
		}
		compareIndexes(table, existing);
		compareForeignKeys(table, existing);
		compareChecks(table, existing);
	}

	/**
	 * The columns of the table that the model no longer has and that have the type of a column
	 * it adds: a rename, perhaps, which {@code renameColumn} does keeping the data.
	 */
	private List<String> renamedFrom(SchemaSnapshot.Table existing, Model.Column column,
			List<SchemaSnapshot.Column> gone) {
		List<String> candidates = new ArrayList<>();
		for (SchemaSnapshot.Column current : gone) {
			Model.TypeCheck sameType = column.sameType();
			boolean same = (sameType != null)
					? sameType.matches(current, this.database.typeCode(existing.name(), current.name()))
					: ColumnType.of(current, this.database.dialect()).equals(column.type().type());
			if (same && !current.autoIncrement()) {
				candidates.add(this.database.name(current.name()));
			}
		}
		return candidates;
	}

	private void addColumn(Model.Table table, SchemaSnapshot.Table existing, Model.Column column,
			List<String> renamedFrom) {
		String where = table.name() + "." + column.name();
		if (column.identity() || table.isKey(column.name())) {
			this.notes.add("Column " + where + " (" + table.owner() + ") is a new key column: generate does not "
					+ "change keys; write that by hand.");
			return;
		}
		List<String> notes = new ArrayList<>();
		for (String from : renamedFrom) {
			String rename = "schema.renameColumn(" + JavaSource.string(table.name()) + ", " + JavaSource.string(from)
					+ ", " + JavaSource.string(column.name()) + ");";
			notes.add("Renamed from " + from + "? " + table.name() + "." + from + " is gone from the model and has "
					+ "the type of " + column.name() + ": if " + column.name() + " is " + from + " renamed, write "
					+ rename + " instead of this addColumn and of dropping " + from + ", which keeps its data.");
			this.notes.add("Column " + where + " is new and " + table.name() + "." + from + " is gone, with the same "
					+ "type: if it was renamed, replace the addColumn (and the drop of " + from + ") with "
					+ rename + ", which keeps the data. Generate does not rename on a guess.");
		}
		ColumnSpec spec = new ColumnSpec(column.name(), column.type(), !column.nullable(), false, false, false,
				column.defaultValue());
		if (column.nullable() || column.defaultValue() != null) {
			this.creations.add(new AddColumn(table.name(), spec, notes));
			return;
		}
		if (!this.database.hasRows(existing.name())) {
			notes.add(table.name() + " is empty here, so this is the plain form. Where it has rows, H2 and PostgreSQL "
					+ "refuse it (MariaDB fills in 0 or ''): generate again there for a form that fills them.");
			this.creations.add(new AddColumn(table.name(), spec, notes));
			return;
		}
		String said = rowsNote(table.name(), where, column.existingRows());
		notes.add(said);
		this.notes.add(said);
		this.creations.add(new Change.AddColumnToRows(table.name(), spec, column.existingRows(), notes));
	}

	/** What a column added NOT NULL to a table with rows is written as, and why. */
	private static String rowsNote(String table, String where, ExistingRows rows) {
		String start = table + " has rows, and " + where + " is NOT NULL without a default in the model: ";
		if (rows instanceof ExistingRows.Default) {
			return start + "it is added with DEFAULT " + rows.shown() + ", which the rows get, and the default is "
					+ "dropped again. For another value, give the field a @ColumnDefault.";
		}
		if (rows instanceof ExistingRows.Fill) {
			return start + "it is added nullable, filled with " + rows.shown() + " by an UPDATE, then made NOT NULL. "
					+ "Put the value the rows should have into the UPDATE before you apply it.";
		}
		return start + "it is added nullable, since " + ((ExistingRows.None) rows).why() + ". Fill it, then run "
				+ "smalls generate again, which makes it NOT NULL.";
	}

	private void alter(Model.Table table, SchemaSnapshot.Table existing, Model.Column column,
			SchemaSnapshot.Column current) {
		String where = table.name() + "." + column.name();
		Model.TypeCheck sameType = column.sameType();
		if (sameType != null && !current.autoIncrement()
				&& !sameType.matches(current, this.database.typeCode(existing.name(), current.name()))) {
			ColumnType from = ColumnType.of(current, this.database.dialect());
			ColumnType to = column.type().type();
			if (from.equals(to)) {
				this.notes.add("Column " + where + " has a type Hibernate does not accept for " + table.owner()
						+ ", and smalls cannot tell it from " + to + ": change it by hand.");
			}
			else {
				List<String> notes = new ArrayList<>();
				if (column.type().note() != null) {
					notes.add(column.type().note());
				}
				this.alterations.add(new AlterColumnType(table.name(), column.name(), from, to, notes));
			}
		}
		if (!table.isKey(column.name()) && !current.autoIncrement() && column.nullable() != current.nullable()) {
			List<String> notes = column.nullable() ? List.of()
					: List.of("This fails if " + where + " holds NULLs: fill them first, e.g. with schema.run(..).");
			this.alterations.add(new Nullability(table.name(), column.name(), !column.nullable(), notes));
		}
	}

	private void compareIndexes(Model.Table table, SchemaSnapshot.Table existing) {
		Set<SchemaSnapshot.Index> used = Collections.newSetFromMap(new IdentityHashMap<>());
		List<SchemaSnapshot.Index> candidates = existing.indexes().stream()
			.filter((index) -> !Removals.backsForeignKey(existing, index) && !this.removals.handles(index))
			.toList();
		for (Model.Index index : table.indexes()) {
			SchemaSnapshot.Index named = find(candidates, used, (candidate) -> index.name()
				.equalsIgnoreCase(String.valueOf(candidate.name())));
			SchemaSnapshot.Index same = (named != null) ? named
					: find(candidates, used, (candidate) -> index.sameAs(candidate.unique(), candidate.columns()));
			if (same != null) {
				used.add(same);
			}
			if (same == null || !index.sameAs(same.unique(), same.columns())) {
				if (same != null) {
					this.redefinitions.add(new DropIndex(table.name(), this.database.name(String.valueOf(same.name())),
							same.unique(), this.database.names(same.columns()), false));
				}
				this.constraints.add(addIndex(table, index));
			}
		}
		candidates.stream().filter((index) -> !used.contains(index)).forEach((index) -> this.removals.index(existing,
				index));
	}

	private void compareForeignKeys(Model.Table table, SchemaSnapshot.Table existing) {
		Set<SchemaSnapshot.ForeignKey> used = Collections.newSetFromMap(new IdentityHashMap<>());
		List<SchemaSnapshot.ForeignKey> candidates = existing.foreignKeys().stream()
			.filter((key) -> !this.removals.handles(key))
			.toList();
		for (Model.ForeignKey key : table.foreignKeys()) {
			SchemaSnapshot.ForeignKey same = find(candidates, used, key::sameAs);
			if (same != null) {
				used.add(same);
				continue;
			}
			SchemaSnapshot.ForeignKey named = find(candidates, used,
					(candidate) -> key.name().equalsIgnoreCase(String.valueOf(candidate.name())));
			if (named != null && named.columns().size() == 1 && named.referencedColumns().size() == 1) {
				used.add(named);
				this.redefinitions.add(new DropForeignKey(table.name(), key.name(),
						this.database.name(named.columns().get(0)), this.database.name(named.referencedTable()),
						this.database.name(named.referencedColumns().get(0)), false));
			}
			this.constraints.add(addForeignKey(table, key));
		}
		candidates.stream().filter((key) -> !used.contains(key)).forEach((key) -> this.removals.foreignKey(existing,
				key));
	}

	/**
	 * Hibernate's check constraints against the database's: a check on the same column that
	 * allows other values is replaced, a missing one added. A check the database has on a column
	 * the model checks with nothing like it is left alone, and said.
	 */
	private void compareChecks(Model.Table table, SchemaSnapshot.Table existing) {
		if (this.database.checks() == null) {
			if (!table.checks().isEmpty()) {
				this.notes.add("The model checks values of " + table.name() + " " + table.checks().stream()
					.map(Model.Check::condition).toList() + ", and generate cannot read this database's checks to "
						+ "compare: check them by hand.");
			}
			return;
		}
		List<LiveCheck> live = new ArrayList<>(this.database.checks(existing.name()));
		for (Model.Check check : table.checks()) {
			LiveCheck same = live.stream()
				.filter((candidate) -> CheckConditions.mentions(candidate.condition(), check.column())
						&& CheckConditions.same(candidate.condition(), check.condition()))
				.findFirst().orElse(null);
			if (same != null) {
				live.remove(same);
				continue;
			}
			LiveCheck other = live.stream()
				.filter((candidate) -> onlyOn(candidate.condition(), check.column(), existing))
				.findFirst().orElse(null);
			String where = table.name() + "." + check.column();
			if (other == null) {
				String name = checkName(table.name(), check.column());
				List<String> notes = List.of("Hibernate checks " + where + ": " + check.condition() + ".");
				this.constraints.add(new Change.AddCheck(table.name(), name, check.condition(), notes));
				if (this.database.hasRows(existing.name())) {
					this.notes.add("The database has no check on " + where + " and the model has " + check.condition()
							+ ": it is added, which fails if a row has another value.");
				}
				continue;
			}
			live.remove(other);
			String name = this.database.name(other.name());
			if (!SqlIdentifiers.isPlain(name)) {
				this.notes.add("The check " + other.name() + " on " + where + " allows " + other.condition()
						+ " and the model " + check.condition() + ": its name cannot be written plain, so change it "
						+ "by hand.");
				continue;
			}
			List<String> dropped = new ArrayList<>(CheckConditions.literals(other.condition()));
			dropped.removeAll(CheckConditions.literals(check.condition()));
			String said = "The check " + name + " on " + where + " allows " + CheckConditions.literals(other.condition())
					+ " in the database and " + CheckConditions.literals(check.condition()) + " in the model (" + table
						.owner() + "): it is replaced, so that the new values can be stored."
					+ (dropped.isEmpty() ? "" : " This fails if a row still has " + dropped + ".")
					+ " Its rollback puts back the condition as the database wrote it.";
			SchemaSnapshot.Column column = existing.column(check.column());
			if (other.inColumn() && (column == null || column.defaultValue() != null)) {
				this.notes.add("The check " + other.name() + " on " + where + " allows " + other.condition() + " and "
						+ "the model " + check.condition() + ": it is part of the column's definition, with a "
						+ "default, so change it by hand (ALTER TABLE .. MODIFY COLUMN).");
				continue;
			}
			this.notes.add(said);
			if (other.inColumn()) {
				String definition = ColumnType.of(column, this.database.dialect()).sql(this.database.dialect())
						+ (column.nullable() ? " NULL" : " NOT NULL");
				this.alterations.add(new Change.ReplaceColumnCheck(table.name(), check.column(), definition,
						other.condition(), check.condition(), List.of(said)));
				continue;
			}
			this.alterations.add(new Change.ReplaceCheck(table.name(), name, other.condition(), check.condition(),
					List.of(said)));
		}
	}

	/** Whether a condition names this column of the table and no other. */
	private static boolean onlyOn(String condition, String column, SchemaSnapshot.Table existing) {
		return CheckConditions.mentions(condition, column) && !CheckConditions.literals(condition).isEmpty()
				&& existing.columns().stream()
					.filter((other) -> !other.name().equalsIgnoreCase(column))
					.noneMatch((other) -> CheckConditions.mentions(condition, other.name()));
	}

	/** PostgreSQL's name for a column's check, within the length every database takes. */
	private static String checkName(String table, String column) {
		String name = table + "_" + column + "_check";
		return (name.length() <= SqlIdentifiers.MAX_LENGTH) ? name
				: name.substring(0, SqlIdentifiers.MAX_LENGTH - 6) + "_check";
	}

	private static Change addIndex(Model.Table table, Model.Index index) {
		return new AddIndex(table.name(), index.name(), index.unique(), index.columns());
	}

	private static Change addForeignKey(Model.Table table, Model.ForeignKey key) {
		return new AddForeignKey(table.name(), key.name(), key.column(), key.referencedTable(), key.referencedColumn());
	}

	private static <T> @Nullable T find(List<T> candidates, Set<T> used, java.util.function.Predicate<T> test) {
		return candidates.stream().filter((candidate) -> !used.contains(candidate) && test.test(candidate)).findFirst()
			.orElse(null);
	}

	private static void plain(String what, String name) {
		if (!SqlIdentifiers.isPlain(name)) {
			throw new SmallsValidationException(what + " name '" + name + "' is not a plain SQL identifier: use letters, "
					+ "digits and underscores, not starting with a digit, at most " + SqlIdentifiers.MAX_LENGTH + " characters. No migration was "
					+ "written.", "Name it in the mapping (e.g. @SequenceGenerator(sequenceName = ...)), or write this "
							+ "migration by hand.");
		}
	}

	/**
	 * What a comparison found.
	 *
	 * @param changes the changes, in the order they run
	 * @param notes what generate noticed and does not write, for the person reading
	 * @param owners which entity or collection maps each table and column name, lower case
	 */
	record Comparison(List<Change> changes, List<String> notes, Map<String, String> owners) {

	}

}
