package dev.smalls.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import dev.smalls.dialect.DdlForeignKey;
import dev.smalls.dialect.DdlIndex;

/**
 * The columns of a table, for {@link Schema#createTable} and {@link Schema#dropTable}, in
 * order:
 * <pre class="code">
 * schema.createTable("tags", (table) -&gt; {
 *     table.id("id");
 *     table.column("name", ColumnType.varchar(512)).notNull().unique();
 * });
 * </pre>
 */
public final class TableDefinition {

	private final List<ColumnDefinition> columns = new ArrayList<>();

	private final List<DdlIndex> indexes = new ArrayList<>();

	private final List<DdlForeignKey> foreignKeys = new ArrayList<>();

	TableDefinition() {
	}

	/**
	 * Add a column.
	 * @param name the column's name, a plain identifier
	 * @param type its type
	 * @return the column, for its options
	 */
	public ColumnDefinition column(String name, ColumnType type) {
		return add(new ColumnDefinition(name, type, false));
	}

	/**
	 * Add the table's key: a 64-bit integer the database numbers itself ({@code IDENTITY},
	 * {@code AUTO_INCREMENT}, or SQLite's rowid), as weppy's {@code Column('id', 'id')} and
	 * Rails' default {@code id}.
	 * @param name the column's name, usually {@code id}
	 * @return the column
	 */
	public ColumnDefinition id(String name) {
		if (this.columns.stream().anyMatch(ColumnDefinition::isIdentity)) {
			throw new IllegalArgumentException("A table has at most one column numbered by the database");
		}
		return add(new ColumnDefinition(name, ColumnType.BIGINT, true));
	}

	/**
	 * Create an index with the table: one statement with it where the database allows (a
	 * squash builds hundreds of tables, and MariaDB takes as long for an index as for a
	 * table).
	 * @param name the index's name
	 * @param columns the indexed columns, in order
	 * @return this definition
	 */
	public TableDefinition index(String name, String... columns) {
		return index(name, false, columns);
	}

	/**
	 * Create a unique index with the table.
	 * @param name the index's name
	 * @param columns the indexed columns, in order
	 * @return this definition
	 */
	public TableDefinition uniqueIndex(String name, String... columns) {
		return index(name, true, columns);
	}

	private TableDefinition index(String name, boolean unique, String[] columns) {
		if (columns.length == 0) {
			throw new IllegalArgumentException("Index " + name + " needs at least one column");
		}
		List<String> checked = new ArrayList<>();
		for (String column : columns) {
			checked.add(Identifiers.plain("Column", column));
		}
		this.indexes.add(new DdlIndex(Identifiers.plain("Index", name), unique, checked));
		return this;
	}

	/**
	 * Add a foreign key with the table, to a table that exists (or to this one). On MariaDB and
	 * MySQL it comes with an index of its name, as {@link Schema#addForeignKey} does.
	 * @param name the constraint's name
	 * @param column the referencing column
	 * @param referencedTable the referenced table
	 * @param referencedColumn the referenced column
	 * @return this definition
	 */
	public TableDefinition foreignKey(String name, String column, String referencedTable, String referencedColumn) {
		this.foreignKeys.add(new DdlForeignKey(Identifiers.plain("Foreign key", name),
				Identifiers.plain("Column", column), Identifiers.table(referencedTable),
				Identifiers.plain("Column", referencedColumn)));
		return this;
	}

	List<DdlIndex> indexes() {
		return List.copyOf(this.indexes);
	}

	List<DdlForeignKey> foreignKeys() {
		return List.copyOf(this.foreignKeys);
	}

	private ColumnDefinition add(ColumnDefinition column) {
		this.columns.add(column);
		return column;
	}

	/**
	 * The columns, checked: at least one, each name once.
	 * @param table the table, for messages
	 * @return the columns in order
	 */
	List<ColumnDefinition> columns(String table) {
		if (this.columns.isEmpty()) {
			throw new IllegalArgumentException("Table " + table + " needs at least one column");
		}
		Set<String> names = new HashSet<>();
		for (ColumnDefinition column : this.columns) {
			if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("Table " + table + " defines column " + column.name() + " twice");
			}
		}
		return List.copyOf(this.columns);
	}

	static String describe(List<ColumnDefinition> columns) {
		StringJoiner text = new StringJoiner(", ", "(", ")");
		columns.forEach((column) -> text.add(column.describe()));
		return text.toString();
	}

	static String describe(List<DdlIndex> indexes, List<DdlForeignKey> foreignKeys) {
		StringBuilder text = new StringBuilder();
		indexes.forEach((index) -> text.append(" with ").append(index.unique() ? "unique index " : "index ")
			.append(index.name()).append(' ').append(index.columns()));
		foreignKeys.forEach((key) -> text.append(" with foreign key ").append(key.name()).append(" (")
			.append(key.column()).append(") references ").append(key.referencedTable()).append(" (")
			.append(key.referencedColumn()).append(')'));
		return text.toString();
	}

}
