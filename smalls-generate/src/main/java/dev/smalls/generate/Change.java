package dev.smalls.generate;

import java.util.ArrayList;
import java.util.List;

import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;

/**
 * One operation of a generated migration. Each kind records itself on a {@link Schema} and
 * writes the Java that records the same, from the same fields, so that what generate checks
 * is what the file says.
 */
sealed interface Change {

	/**
	 * Record the operation.
	 * @param schema where to record it
	 */
	void record(Schema schema);

	/**
	 * The Java that records the operation, comments first, without indentation.
	 * @param source collects what the expressions need imported
	 * @return the lines
	 */
	List<String> lines(JavaSource source);

	/**
	 * Whether the operation removes something the model no longer has, which generate writes
	 * only when asked to ({@code --allow-drop}).
	 * @return {@code true} for a removal
	 */
	default boolean removes() {
		return false;
	}

	private static String args(String... values) {
		List<String> quoted = new ArrayList<>();
		for (String value : values) {
			quoted.add(JavaSource.string(value));
		}
		return String.join(", ", quoted);
	}

	private static List<String> withNotes(List<String> notes, String... lines) {
		List<String> all = new ArrayList<>();
		notes.forEach((note) -> all.add("// " + JavaSource.comment(note)));
		all.addAll(List.of(lines));
		return all;
	}

	private static List<String> tableLines(String call, String table, List<ColumnSpec> columns, JavaSource source) {
		List<String> lines = new ArrayList<>();
		lines.add("schema." + call + "(" + JavaSource.string(table) + ", (table) -> {");
		for (ColumnSpec column : columns) {
			if (column.type().note() != null && !column.identity()) {
				lines.add("\t// " + JavaSource.comment(column.type().note()));
			}
			lines.add("\t" + column.tableLine(source));
		}
		lines.add("});");
		return lines;
	}

	/** A new entity's or join table's table. */
	record CreateTable(String table, List<ColumnSpec> columns) implements Change {

		@Override
		public void record(Schema schema) {
			schema.createTable(this.table, (definition) -> this.columns.forEach((column) -> column.define(definition)));
		}

		@Override
		public List<String> lines(JavaSource source) {
			return tableLines("createTable", this.table, this.columns, source);
		}

	}

	/** A table no entity maps any more, with its definition for the rollback. */
	record DropTable(String table, List<ColumnSpec> columns, List<String> notes) implements Change {

		@Override
		public void record(Schema schema) {
			schema.dropTable(this.table, (definition) -> this.columns.forEach((column) -> column.define(definition)));
		}

		@Override
		public List<String> lines(JavaSource source) {
			List<String> lines = withNotes(this.notes);
			lines.addAll(tableLines("dropTable", this.table, this.columns, source));
			return lines;
		}

		@Override
		public boolean removes() {
			return true;
		}

	}

	/** A new field's column. */
	record AddColumn(String table, ColumnSpec column, List<String> notes) implements Change {

		@Override
		public void record(Schema schema) {
			schema.addColumn(this.table, this.column.name(), this.column.type().type(), this.column::options);
		}

		@Override
		public List<String> lines(JavaSource source) {
			List<String> notes = new ArrayList<>(this.notes);
			if (this.column.type().note() != null) {
				notes.add(this.column.type().note());
			}
			return withNotes(notes, "schema.addColumn(" + args(this.table, this.column.name()) + ", "
					+ source.type(this.column.type().type()) + this.column.optionsArgument(source) + ");");
		}

	}

	/**
	 * A new field's column, {@code NOT NULL} without a default in the model, on a table that has
	 * rows: written so that it applies there ({@link ExistingRows}). With a default, the column
	 * is added with it and the default dropped again; with a fill, it is added nullable, filled,
	 * and made {@code NOT NULL}; with neither, it is added nullable.
	 */
	record AddColumnToRows(String table, ColumnSpec column, ExistingRows rows, List<String> notes) implements Change {

		@Override
		public void record(Schema schema) {
			String name = this.column.name();
			ColumnType type = this.column.type().type();
			if (this.rows instanceof ExistingRows.Default fill) {
				schema.addColumn(this.table, name, type, (column) -> column.notNull().defaultValue(fill.value()));
				schema.setDefault(this.table, name, fill.value(), null);
				return;
			}
			schema.addColumn(this.table, name, type);
			if (this.rows instanceof ExistingRows.Fill fill) {
				schema.sql(update(fill), "");
				schema.setNotNull(this.table, name);
			}
		}

		@Override
		public List<String> lines(JavaSource source) {
			List<String> notes = new ArrayList<>(this.notes);
			if (this.column.type().note() != null) {
				notes.add(this.column.type().note());
			}
			String name = this.column.name();
			String type = source.type(this.column.type().type());
			if (this.rows instanceof ExistingRows.Default fill) {
				String value = source.value(fill.value());
				return withNotes(notes, "schema.addColumn(" + args(this.table, name) + ", " + type
						+ ", (column) -> column.notNull().defaultValue(" + value + "));",
						"schema.setDefault(" + args(this.table, name) + ", " + value + ", null);");
			}
			List<String> lines = withNotes(notes, "schema.addColumn(" + args(this.table, name) + ", " + type + ");");
			if (this.rows instanceof ExistingRows.Fill fill) {
				lines.add("schema.sql(" + JavaSource.string(update(fill)) + ", \"\");");
				lines.add("schema.setNotNull(" + args(this.table, name) + ");");
			}
			else {
				lines.add("// schema.setNotNull(" + args(this.table, name) + "); once every row has a value");
			}
			return lines;
		}

		private String update(ExistingRows.Fill fill) {
			return "UPDATE " + this.table + " SET " + this.column.name() + " = " + fill.sql() + " WHERE "
					+ this.column.name() + " IS NULL";
		}

	}

	/**
	 * A check constraint the model has and the database does not: written as SQL, which H2,
	 * PostgreSQL, MariaDB and HSQLDB all run, since schema operations have none.
	 */
	record AddCheck(String table, String name, String condition, List<String> notes) implements Change {

		@Override
		public void record(Schema schema) {
			schema.sql(add(this.table, this.name, this.condition), drop(this.table, this.name));
		}

		@Override
		public List<String> lines(JavaSource source) {
			return withNotes(this.notes, "schema.sql(" + JavaSource.string(add(this.table, this.name, this.condition))
					+ ", " + JavaSource.string(drop(this.table, this.name)) + ");");
		}

		static String add(String table, String name, String condition) {
			return "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " CHECK (" + condition + ")";
		}

		static String drop(String table, String name) {
			return "ALTER TABLE " + table + " DROP CONSTRAINT " + name;
		}

	}

	/**
	 * A check constraint the model has with other values than the database's (a new subclass's
	 * discriminator, a new enum constant): dropped and added again under its name. The rollback
	 * puts back the condition as the database reported it.
	 */
	record ReplaceCheck(String table, String name, String from, String to, List<String> notes) implements Change {

		@Override
		public void record(Schema schema) {
			schema.sql(AddCheck.drop(this.table, this.name), AddCheck.add(this.table, this.name, this.from));
			schema.sql(AddCheck.add(this.table, this.name, this.to), AddCheck.drop(this.table, this.name));
		}

		@Override
		public List<String> lines(JavaSource source) {
			return withNotes(this.notes,
					"schema.sql(" + JavaSource.string(AddCheck.drop(this.table, this.name)) + ", "
							+ JavaSource.string(AddCheck.add(this.table, this.name, this.from)) + ");",
					"schema.sql(" + JavaSource.string(AddCheck.add(this.table, this.name, this.to)) + ", "
							+ JavaSource.string(AddCheck.drop(this.table, this.name)) + ");");
		}

	}

	/**
	 * A check MariaDB keeps in its column's definition (as Hibernate writes it, beside the
	 * column), which {@code DROP CONSTRAINT} cannot reach: the column is redefined as it is, with
	 * the model's condition. MariaDB's own SQL, as the database it was read from.
	 */
	record ReplaceColumnCheck(String table, String column, String definition, String from, String to,
			List<String> notes) implements Change {

		@Override
		public void record(Schema schema) {
			schema.sql(modify(this.to), modify(this.from));
		}

		@Override
		public List<String> lines(JavaSource source) {
			return withNotes(this.notes, "schema.sql(" + JavaSource.string(modify(this.to)) + ", "
					+ JavaSource.string(modify(this.from)) + ");");
		}

		private String modify(String condition) {
			return "ALTER TABLE " + this.table + " MODIFY COLUMN " + this.column + " " + this.definition + " CHECK ("
					+ condition + ")";
		}

	}

	/** A column no field maps any more, with its definition for the rollback. */
	record DropColumn(String table, ColumnSpec column, List<String> notes) implements Change {

		@Override
		public void record(Schema schema) {
			schema.dropColumn(this.table, this.column.name(), this.column.type().type(), this.column::options);
		}

		@Override
		public List<String> lines(JavaSource source) {
			return withNotes(this.notes, "schema.dropColumn(" + args(this.table, this.column.name()) + ", "
					+ source.type(this.column.type().type()) + this.column.optionsArgument(source) + ");");
		}

		@Override
		public boolean removes() {
			return true;
		}

	}

	/** A column whose type or length the model changed. */
	record AlterColumnType(String table, String column, ColumnType from, ColumnType to, List<String> notes)
			implements Change {

		@Override
		public void record(Schema schema) {
			schema.alterColumnType(this.table, this.column, this.from, this.to);
		}

		@Override
		public List<String> lines(JavaSource source) {
			return withNotes(this.notes, "schema.alterColumnType(" + args(this.table, this.column) + ", "
					+ source.type(this.from) + ", " + source.type(this.to) + ");");
		}

	}

	/** A column whose nullability the model changed. */
	record Nullability(String table, String column, boolean notNull, List<String> notes) implements Change {

		@Override
		public void record(Schema schema) {
			if (this.notNull) {
				schema.setNotNull(this.table, this.column);
			}
			else {
				schema.dropNotNull(this.table, this.column);
			}
		}

		@Override
		public List<String> lines(JavaSource source) {
			return withNotes(this.notes, "schema." + (this.notNull ? "setNotNull(" : "dropNotNull(")
					+ args(this.table, this.column) + ");");
		}

	}

	/** An index or unique constraint the model declares. */
	record AddIndex(String table, String name, boolean unique, List<String> columns) implements Change {

		@Override
		public void record(Schema schema) {
			String[] columns = this.columns.toArray(String[]::new);
			if (this.unique) {
				schema.addUniqueIndex(this.table, this.name, columns);
			}
			else {
				schema.addIndex(this.table, this.name, columns);
			}
		}

		@Override
		public List<String> lines(JavaSource source) {
			return List.of("schema." + (this.unique ? "addUniqueIndex(" : "addIndex(") + args(this.table, this.name)
					+ ", " + JavaSource.strings(this.columns) + ");");
		}

	}

	/**
	 * An index the model no longer declares, or one it redefines under the same name (then
	 * not a removal: the new definition follows).
	 */
	record DropIndex(String table, String name, boolean unique, List<String> columns, boolean removes)
			implements Change {

		@Override
		public void record(Schema schema) {
			String[] columns = this.columns.toArray(String[]::new);
			if (this.unique) {
				schema.dropUniqueIndex(this.table, this.name, columns);
			}
			else {
				schema.dropIndex(this.table, this.name, columns);
			}
		}

		@Override
		public List<String> lines(JavaSource source) {
			return List.of("schema." + (this.unique ? "dropUniqueIndex(" : "dropIndex(") + args(this.table, this.name)
					+ ", " + JavaSource.strings(this.columns) + ");");
		}

	}

	/** A {@code @ManyToOne} or {@code @OneToOne} owning side's, or a join table's, foreign key. */
	record AddForeignKey(String table, String name, String column, String referencedTable, String referencedColumn)
			implements Change {

		@Override
		public void record(Schema schema) {
			schema.addForeignKey(this.table, this.name, this.column, this.referencedTable, this.referencedColumn);
		}

		@Override
		public List<String> lines(JavaSource source) {
			return List.of("schema.addForeignKey(" + args(this.table, this.name, this.column, this.referencedTable,
					this.referencedColumn) + ");");
		}

	}

	/** A foreign key the model no longer has, or one it redefines under the same name. */
	record DropForeignKey(String table, String name, String column, String referencedTable, String referencedColumn,
			boolean removes) implements Change {

		@Override
		public void record(Schema schema) {
			schema.dropForeignKey(this.table, this.name, this.column, this.referencedTable, this.referencedColumn);
		}

		@Override
		public List<String> lines(JavaSource source) {
			return List.of("schema.dropForeignKey(" + args(this.table, this.name, this.column, this.referencedTable,
					this.referencedColumn) + ");");
		}

	}

	/**
	 * A sequence an identifier generator needs. Schema operations have none, so it is standard
	 * SQL, which H2, PostgreSQL, MariaDB and HSQLDB all run.
	 */
	record CreateSequence(String name, long initial, int increment) implements Change {

		@Override
		public void record(Schema schema) {
			schema.sql(create(), drop());
		}

		@Override
		public List<String> lines(JavaSource source) {
			return List.of("schema.sql(" + JavaSource.string(create()) + ", " + JavaSource.string(drop()) + ");");
		}

		private String create() {
			return "CREATE SEQUENCE " + this.name + " START WITH " + this.initial + " INCREMENT BY " + this.increment;
		}

		private String drop() {
			return "DROP SEQUENCE " + this.name;
		}

	}

}
