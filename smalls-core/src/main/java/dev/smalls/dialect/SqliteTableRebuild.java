package dev.smalls.dialect;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * A change SQLite's {@code ALTER TABLE} cannot make, made the way SQLite's documentation
 * recommends (<a href="https://www.sqlite.org/lang_altertable.html#otheralter">"Making Other
 * Kinds Of Table Schema Changes"</a>): create the table as it should be under a new name,
 * copy the rows, drop the old table, rename the new one, and create its indexes again. It runs
 * inside the migration's transaction, so a failure leaves nothing of it. The table as it is
 * comes from {@link SqliteTableReader}.
 */
final class SqliteTableRebuild {

	private final String table;

	private final List<Column> columns;

	private final List<String> primaryKey;

	private final List<List<String>> uniques;

	private final List<ForeignKey> foreignKeys;

	private final List<Index> indexes;

	private final List<String> copied;

	SqliteTableRebuild(String table, List<Column> columns, List<String> primaryKey, List<List<String>> uniques,
			List<ForeignKey> foreignKeys, List<Index> indexes) {
		this.table = table;
		this.columns = columns;
		this.primaryKey = primaryKey;
		this.uniques = uniques;
		this.foreignKeys = foreignKeys;
		this.indexes = indexes;
		this.copied = new ArrayList<>(columns.stream().map(Column::name).toList());
	}

	/**
	 * What the statements of a rebuild are, for a preview without a database.
	 * @param table the table
	 * @param change what changes, e.g. {@code "price" becomes DECIMAL(10, 2)}
	 * @return SQL comments
	 */
	static List<String> preview(String table, String change) {
		return List.of("-- SQLite cannot ALTER this: smalls rebuilds " + table + " as SQLite's documentation "
				+ "recommends, with " + change + ":", "--   CREATE TABLE smalls_rebuild_" + table + " (<" + table
				+ " as it is when this runs, changed>)", "--   INSERT INTO smalls_rebuild_" + table + " (..) SELECT .. FROM "
				+ table, "--   DROP TABLE " + table, "--   ALTER TABLE smalls_rebuild_" + table + " RENAME TO " + table,
				"--   CREATE INDEX .. (the indexes of " + table + ", created again)");
	}

	/** Add a column; it is not copied, so existing rows get its default. */
	void addColumn(String name, String type, boolean notNull, @Nullable String defaultSql, boolean primaryKey,
			boolean unique) throws SQLException {
		if (primaryKey && !this.primaryKey.isEmpty()) {
			throw SqliteTableReader.refusal(this.table, "it already has a primary key");
		}
		this.columns.add(new Column(name, type, notNull || primaryKey, defaultSql));
		if (primaryKey) {
			this.primaryKey.add(name);
		}
		if (unique) {
			this.uniques.add(List.of(name));
		}
	}

	/** Drop a column with every index, unique constraint and foreign key on it, as PostgreSQL does. */
	void dropColumn(String name) throws SQLException {
		if (this.primaryKey.stream().anyMatch(name::equalsIgnoreCase)) {
			throw SqliteTableReader.refusal(this.table, "column " + name + " is part of its primary key");
		}
		int before = this.columns.size();
		this.columns.removeIf((column) -> column.name().equalsIgnoreCase(name));
		if (this.columns.size() == before) {
			throw new SQLException("no such column: " + name);
		}
		this.copied.removeIf(name::equalsIgnoreCase);
		Predicate<List<? extends @Nullable String>> covers = (list) -> list.stream()
			.anyMatch((column) -> column == null || column.equalsIgnoreCase(name));
		this.uniques.removeIf(covers);
		this.foreignKeys.removeIf((key) -> covers.test(key.columns()));
		this.indexes.removeIf((index) -> covers.test(index.columns()));
	}

	void changeColumn(String name, UnaryOperator<Column> change) throws SQLException {
		for (int i = 0; i < this.columns.size(); i++) {
			if (this.columns.get(i).name().equalsIgnoreCase(name)) {
				this.columns.set(i, change.apply(this.columns.get(i)));
				return;
			}
		}
		throw new SQLException("no such column: " + name);
	}

	void addForeignKey(DdlForeignKey key) {
		this.foreignKeys.add(new ForeignKey(key.name(), List.of(key.column()), key.referencedTable(),
				List.of(key.referencedColumn()), "NO ACTION", "NO ACTION"));
	}

	void dropForeignKey(DdlForeignKey key) throws SQLException {
		boolean named = this.foreignKeys.removeIf((existing) -> key.name().equalsIgnoreCase(existing.name()));
		if (!named && !this.foreignKeys.removeIf((existing) -> existing.columns().size() == 1
				&& existing.columns().get(0).equalsIgnoreCase(key.column())
				&& existing.table().equalsIgnoreCase(key.referencedTable()))) {
			throw new SQLException("no such foreign key: " + key.name() + " on " + this.table);
		}
	}

	List<String> statements() {
		String rebuilt = "smalls_rebuild_" + this.table;
		StringJoiner body = new StringJoiner(", ");
		for (Column column : this.columns) {
			body.add(quoted(column.name()) + (column.type().isEmpty() ? "" : " " + column.type())
					+ ((column.defaultSql() != null) ? " DEFAULT " + column.defaultSql() : "")
					+ (column.notNull() ? " NOT NULL" : ""));
		}
		if (!this.primaryKey.isEmpty()) {
			body.add("PRIMARY KEY (" + quoted(this.primaryKey) + ")");
		}
		this.uniques.forEach((unique) -> body.add("UNIQUE (" + quoted(unique) + ")"));
		for (ForeignKey key : this.foreignKeys) {
			body.add(((key.name() != null) ? "CONSTRAINT " + quoted(key.name()) + " " : "") + "FOREIGN KEY ("
					+ quoted(key.columns()) + ") REFERENCES " + quoted(key.table()) + " (" + quoted(key.referenced())
					+ ")" + action("UPDATE", key.onUpdate()) + action("DELETE", key.onDelete()));
		}
		List<String> statements = new ArrayList<>();
		statements.add("CREATE TABLE " + quoted(rebuilt) + " (" + body + ")");
		statements.add("INSERT INTO " + quoted(rebuilt) + " (" + quoted(this.copied) + ") SELECT "
				+ quoted(this.copied) + " FROM " + quoted(this.table));
		statements.add("DROP TABLE " + quoted(this.table));
		statements.add("ALTER TABLE " + quoted(rebuilt) + " RENAME TO " + quoted(this.table));
		this.indexes.forEach((index) -> statements.add(index.sql()));
		return statements;
	}

	private static String action(String event, String action) {
		return "NO ACTION".equalsIgnoreCase(action) ? "" : " ON " + event + " " + action;
	}

	private static String quoted(List<String> names) {
		StringJoiner joined = new StringJoiner(", ");
		names.forEach((name) -> joined.add(quoted(name)));
		return joined.toString();
	}

	/** Names read back from SQLite may be anything: always quote them. */
	static String quoted(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	record Column(String name, String type, boolean notNull, @Nullable String defaultSql) {

		Column withType(String type) {
			return new Column(this.name, type, this.notNull, this.defaultSql);
		}

		Column withNotNull(boolean notNull) {
			return new Column(this.name, this.type, notNull, this.defaultSql);
		}

		Column withDefault(@Nullable String defaultSql) {
			return new Column(this.name, this.type, this.notNull, defaultSql);
		}

	}

	record ForeignKey(@Nullable String name, List<String> columns, String table, List<String> referenced,
			String onUpdate, String onDelete) {

	}

	record Index(String name, List<@Nullable String> columns, String sql) {

	}

}
