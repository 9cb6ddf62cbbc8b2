package dev.smalls.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.smalls.generate.Change.DropColumn;
import dev.smalls.generate.Change.DropForeignKey;
import dev.smalls.generate.Change.DropIndex;
import dev.smalls.generate.Change.DropTable;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.SchemaSnapshot;

/**
 * What the database has and the model no longer does, as drops that carry full definitions so
 * that their rollback puts the structure back (empty). A column or table goes after the
 * foreign keys and indexes that would not come back with it, which are dropped first so that
 * the rollback creates them again. What cannot be put back as it was is said in a note.
 */
final class Removals {

	private static final List<Class<?>> ORDER = List.of(DropForeignKey.class, DropIndex.class, DropColumn.class,
			DropTable.class);

	private final DatabaseSchema database;

	private final List<String> notes;

	private final List<Change> changes = new ArrayList<>();

	private final Set<Object> handled = Collections.newSetFromMap(new IdentityHashMap<>());

	Removals(DatabaseSchema database, List<String> notes) {
		this.database = database;
		this.notes = notes;
	}

	/**
	 * Drop a column, after its foreign key and the indexes that include it.
	 * @param table its table
	 * @param column the column
	 */
	void column(SchemaSnapshot.Table table, SchemaSnapshot.Column column) {
		String where = this.database.name(table.name()) + "." + this.database.name(column.name());
		if (column.autoIncrement() || isKey(table, column.name())) {
			this.notes.add("Column " + where + " is part of the primary key: generate does not change keys; drop it "
					+ "by hand.");
			return;
		}
		for (SchemaSnapshot.ForeignKey key : table.foreignKeys()) {
			if (key.columns().stream().anyMatch(column.name()::equalsIgnoreCase)) {
				foreignKey(table, key);
			}
		}
		for (SchemaSnapshot.Index index : table.indexes()) {
			if (index.columns().stream().anyMatch(column.name()::equalsIgnoreCase) && !backsForeignKey(table, index)
					&& !ownUnique(index, column)) {
				index(table, index);
			}
		}
		List<String> notes = new ArrayList<>();
		ColumnSpec spec = spec(table, column, false, notes);
		if (spec.notNull() && spec.defaultValue() == null) {
			notes.add("Its rollback adds " + where + " back NOT NULL without a default, which fails if "
					+ this.database.name(table.name()) + " has rows.");
		}
		this.changes.add(new DropColumn(this.database.name(table.name()), spec, notes));
	}

	/**
	 * Drop a table, after its foreign keys and named indexes.
	 * @param table the table
	 */
	void table(SchemaSnapshot.Table table) {
		List<String> notes = new ArrayList<>();
		List<ColumnSpec> columns = new ArrayList<>();
		for (SchemaSnapshot.Column column : table.columns()) {
			boolean identity = column.autoIncrement();
			if (identity && !(isKey(table, column.name()) && table.primaryKey().columns().size() == 1
					&& ColumnType.of(column, this.database.dialect()).equals(ColumnType.BIGINT))) {
				this.notes.add("Table " + table.name() + " is no longer in the model, but its column "
						+ column.name() + " is numbered by the database as a " + column.typeName() + ", which smalls "
						+ "cannot create again on rollback: drop the table by hand.");
				return;
			}
			columns.add(spec(table, column, identity, notes));
		}
		for (SchemaSnapshot.ForeignKey key : table.foreignKeys()) {
			foreignKey(table, key);
		}
		for (SchemaSnapshot.Index index : table.indexes()) {
			if (backsForeignKey(table, index)) {
				continue;
			}
			if (index.name() != null) {
				index(table, index);
			}
			else if (index.columns().size() > 1 || !index.unique()) {
				notes.add("Its index " + index.columns() + " has a name the database made up and does not come back "
						+ "on rollback.");
			}
		}
		this.changes.add(new DropTable(this.database.name(table.name()), List.copyOf(columns), notes));
	}

	/**
	 * Drop an index the model does not declare.
	 * @param table its table
	 * @param index the index
	 */
	void index(SchemaSnapshot.Table table, SchemaSnapshot.Index index) {
		if (!this.handled.add(index)) {
			return;
		}
		if (index.name() == null) {
			this.notes.add("The " + (index.unique() ? "unique " : "") + "index on " + table.name() + " "
					+ index.columns() + " is not in the model, but its name was made up by the database: drop it by "
					+ "hand if it should go.");
			return;
		}
		this.changes.add(new DropIndex(this.database.name(table.name()), this.database.name(index.name()),
				index.unique(), this.database.names(index.columns()), true));
	}

	/**
	 * Drop a foreign key the model does not have.
	 * @param table its table
	 * @param key the key
	 */
	void foreignKey(SchemaSnapshot.Table table, SchemaSnapshot.ForeignKey key) {
		if (!this.handled.add(key)) {
			return;
		}
		if (key.name() == null || key.columns().size() != 1 || key.referencedColumns().size() != 1) {
			this.notes.add("The foreign key " + key + " of " + table.name() + " is not in the model, but smalls "
					+ "cannot drop it as an operation (no name, or several columns): drop it by hand if it should go.");
			return;
		}
		this.changes.add(new DropForeignKey(this.database.name(table.name()), this.database.name(key.name()),
				this.database.name(key.columns().get(0)), this.database.name(key.referencedTable()),
				this.database.name(key.referencedColumns().get(0)), true));
		// MariaDB's index of the same name stays when the key goes; dropped too, its rollback
		// creates it again for the key, which would otherwise take another index that serves.
		for (SchemaSnapshot.Index index : table.indexes()) {
			if (!index.unique() && key.name().equalsIgnoreCase(index.name()) && this.handled.add(index)) {
				this.changes.add(new DropIndex(this.database.name(table.name()), this.database.name(index.name()),
						false, this.database.names(index.columns()), true));
			}
		}
	}

	/**
	 * Whether an index or key is dropped already, with its column or table.
	 * @param indexOrKey an index or foreign key of the snapshot
	 * @return {@code true} if it is
	 */
	boolean handles(Object indexOrKey) {
		return this.handled.contains(indexOrKey);
	}

	/**
	 * The drops, foreign keys first, then indexes, columns and tables.
	 * @return the changes
	 */
	List<Change> changes() {
		List<Change> sorted = new ArrayList<>(this.changes);
		sorted.sort(Comparator.comparingInt((change) -> ORDER.indexOf(change.getClass())));
		return sorted;
	}

	/**
	 * Whether an index serves a foreign key rather than the model: the one MariaDB and H2 make
	 * for a key, named after the key or by the database.
	 * @param table the table
	 * @param index the index
	 * @return {@code true} if it does
	 */
	static boolean backsForeignKey(SchemaSnapshot.Table table, SchemaSnapshot.Index index) {
		if (index.unique()) {
			return false;
		}
		for (SchemaSnapshot.ForeignKey key : table.foreignKeys()) {
			boolean sameName = index.name() != null && index.name().equalsIgnoreCase(key.name());
			if (sameName || (index.name() == null && Model.lower(index.columns()).equals(Model.lower(key.columns())))) {
				return true;
			}
		}
		return false;
	}

	/** A column's own unique constraint, named by the database: it comes back with the column. */
	private static boolean ownUnique(SchemaSnapshot.Index index, SchemaSnapshot.Column column) {
		return index.unique() && index.name() == null && index.columns().size() == 1;
	}

	private ColumnSpec spec(SchemaSnapshot.Table table, SchemaSnapshot.Column column, boolean identity,
			List<String> notes) {
		ColumnType type = ColumnType.of(column, this.database.dialect());
		String name = column.typeName().toUpperCase(Locale.ROOT);
		if (name.equals("ENUM") || name.equals("SET")) {
			notes.add(table.name() + "." + column.name() + " is an " + name + " whose values the metadata does not "
					+ "report: put them into the type below before you roll back.");
		}
		boolean unique = table.indexes().stream().anyMatch((index) -> ownUnique(index, column)
				&& index.columns().get(0).equalsIgnoreCase(column.name()));
		return new ColumnSpec(this.database.name(column.name()), ModelType.portable(type), !column.nullable(),
				isKey(table, column.name()) && !identity, identity, unique, identity ? null : defaultOf(column, notes));
	}

	private static @Nullable Object defaultOf(SchemaSnapshot.Column column, List<String> notes) {
		try {
			return DefaultValues.read(column.defaultValue());
		}
		catch (IllegalArgumentException ex) {
			notes.add("Its default " + column.defaultValue() + " cannot be written as an operation and does not come "
					+ "back on rollback.");
			return null;
		}
	}

	private static boolean isKey(SchemaSnapshot.Table table, String column) {
		return table.primaryKey() != null && table.primaryKey().columns().stream().anyMatch(column::equalsIgnoreCase);
	}

}
