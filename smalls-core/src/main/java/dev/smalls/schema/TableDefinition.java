package dev.smalls.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

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

}
