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
		changes.addAll(this.creations.stream().filter(AddColumn.class::isInstance).toList());
		changes.addAll(this.alterations);
		changes.addAll(this.constraints.stream().filter(AddIndex.class::isInstance).toList());
		changes.addAll(this.constraints.stream().filter(AddForeignKey.class::isInstance).toList());
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
		table.indexes().forEach((index) -> this.constraints.add(addIndex(table, index)));
		table.foreignKeys().forEach((key) -> this.constraints.add(addForeignKey(table, key)));
	}

	private void compare(Model.Table table, SchemaSnapshot.Table existing) {
		for (Model.Column column : table.columns()) {
			SchemaSnapshot.Column current = existing.column(column.name());
			if (current == null) {
				addColumn(table, existing, column);
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
	}

	private void addColumn(Model.Table table, SchemaSnapshot.Table existing, Model.Column column) {
		String where = table.name() + "." + column.name();
		if (column.identity() || table.isKey(column.name())) {
			this.notes.add("Column " + where + " (" + table.owner() + ") is a new key column: generate does not "
					+ "change keys; write that by hand.");
			return;
		}
		List<String> notes = new ArrayList<>();
		if (!column.nullable() && column.defaultValue() == null) {
			notes.add("NOT NULL without a default: this fails if " + table.name() + " has rows. Give the field a "
					+ "@ColumnDefault, or add it nullable, fill it, and make it NOT NULL in a later migration.");
		}
		this.creations.add(new AddColumn(table.name(), new ColumnSpec(column.name(), column.type(),
				!column.nullable(), false, false, false, column.defaultValue()), notes));
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
