package dev.smalls.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SmallsDialect;
import dev.smalls.schema.SchemaSnapshot.Column;
import dev.smalls.schema.SchemaSnapshot.ForeignKey;
import dev.smalls.schema.SchemaSnapshot.Index;
import dev.smalls.schema.SchemaSnapshot.Table;

/**
 * The schema operations that build a {@link SchemaSnapshot}'s tables on an empty database of
 * the kind it was read from: each table with its indexes and foreign keys, referenced tables
 * first, so that a table is one statement where the database allows it. What a squash is written from. Types are written as this
 * database reports them where no portable type writes them exactly, so the operations are
 * for this kind of database.
 * <p>
 * What the operations cannot express (a foreign key over several columns or with an
 * {@code ON DELETE} action, an index on expressions, a column numbered by the database that
 * is not a {@code BIGINT} key) is listed in {@link #problems()} rather than left out.
 */
public final class SchemaRecreation {

	private final List<NewTable> tables = new ArrayList<>();

	private final List<NewForeignKey> foreignKeys = new ArrayList<>();

	private final List<PrimaryKeyName> primaryKeyNames = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	private SchemaRecreation() {
	}

	/**
	 * These operations, then the primary keys renamed where the database named them otherwise
	 * than the schema they were read from (PostgreSQL keeps {@code b_pkey} when {@code b} is
	 * renamed {@code c}; the table created as {@code c} has {@code c_pkey}).
	 * @param built the schema these operations built
	 * @param wanted the schema they were read from
	 * @return the operations that rename them, on their own: {@link #include} them once tried
	 */
	public SchemaRecreation primaryKeysNamedAs(SchemaSnapshot built, SchemaSnapshot wanted) {
		SchemaRecreation renames = new SchemaRecreation();
		for (Table table : wanted.tables()) {
			Table made = built.table(table.name());
			if (made == null || table.primaryKey() == null || made.primaryKey() == null) {
				continue;
			}
			String name = table.primaryKey().name();
			String madeName = made.primaryKey().name();
			if (name != null && madeName != null && !name.equals(madeName)) {
				renames.primaryKeyNames.add(new PrimaryKeyName(table.name(), madeName, name));
			}
		}
		return renames;
	}

	/**
	 * Take in the primary key renames of {@link #primaryKeysNamedAs}, once they were tried.
	 * @param renames the renames
	 */
	public void include(SchemaRecreation renames) {
		this.primaryKeyNames.addAll(renames.primaryKeyNames);
	}

	/**
	 * The operations that build a snapshot's tables.
	 * @param snapshot the tables, without smalls' own
	 * @param dialect the dialect of the database they were read from
	 * @param upperCaseNames whether the database stores unquoted names in upper case (H2,
	 * HSQLDB): such names are written in lower case, as people write them
	 * @param foreignKeysIndexed whether the database gives a foreign key an index of its name
	 * (MariaDB, MySQL): that index comes with the key
	 * @return the operations, and what they cannot express
	 */
	public static SchemaRecreation of(SchemaSnapshot snapshot, SmallsDialect dialect, boolean upperCaseNames,
			boolean foreignKeysIndexed) {
		SchemaRecreation recreation = new SchemaRecreation();
		Names names = new Names(upperCaseNames);
		Set<String> created = new HashSet<>();
		List<Table> left = new ArrayList<>(snapshot.tables());
		while (!left.isEmpty()) {
			// Tables whose keys reference only tables created before them (or themselves)
			// first, so that their keys are created with them; a cycle is broken by name.
			Table next = left.stream()
				.filter((table) -> table.foreignKeys()
					.stream()
					.allMatch((key) -> key.referencedTable().equalsIgnoreCase(table.name())
							|| created.contains(SchemaSnapshot.key(key.referencedTable()))))
				.findFirst()
				.orElse(left.get(0));
			left.remove(next);
			recreation.add(next, dialect, names, foreignKeysIndexed, created);
			created.add(SchemaSnapshot.key(next.name()));
		}
		return recreation;
	}

	private void add(Table table, SmallsDialect dialect, Names names, boolean foreignKeysIndexed, Set<String> created) {
		String name = names.of(table.name());
		List<String> key = (table.primaryKey() != null) ? table.primaryKey().columns() : List.of();
		List<String> unique = new ArrayList<>();
		for (Index index : table.indexes()) {
			if (index.name() == null && index.unique() && index.columns().size() == 1) {
				unique.add(index.columns().get(0).toLowerCase(Locale.ROOT));
			}
		}
		List<NewColumn> columns = new ArrayList<>();
		int keyColumns = 0;
		for (Column column : table.columns()) {
			boolean inKey = key.stream().anyMatch((k) -> k.equalsIgnoreCase(column.name()));
			if (inKey) {
				if (keyColumns >= key.size() || !key.get(keyColumns).equalsIgnoreCase(column.name())) {
					this.problems.add("the primary key of " + table.name() + " " + key
							+ " is not in the order of the table's columns");
				}
				keyColumns++;
			}
			ColumnType type = ColumnType.of(column, dialect);
			if (column.autoIncrement() && (!type.equals(ColumnType.BIGINT) || key.size() != 1 || !inKey)) {
				this.problems.add("column " + table.name() + "." + column.name() + " is numbered by the database "
						+ "but is not a BIGINT primary key of its own");
			}
			columns.add(new NewColumn(names.of(column.name()), type, column.autoIncrement(), !column.nullable(),
					inKey && !column.autoIncrement(), unique.contains(column.name().toLowerCase(Locale.ROOT)),
					column.autoIncrement() ? null : column.defaultValue()));
		}
		List<NewIndex> indexes = new ArrayList<>();
		List<NewForeignKey> foreignKeys = new ArrayList<>();
		for (Index index : table.indexes()) {
			if (index.name() == null) {
				boolean forKey = !index.unique() && table.foreignKeys()
					.stream()
					.anyMatch((foreignKey) -> foreignKey.columns().equals(index.columns()));
				if (forKey) {
					// The database made it for the key (H2), and makes it again.
					continue;
				}
				if (!index.unique() || index.columns().size() != 1) {
					this.problems.add("index " + index + " of " + table.name() + " has a name the database made up "
							+ "and is not a unique constraint of one column");
				}
				continue;
			}
			if (foreignKeysIndexed && table.foreignKeys()
				.stream()
				.anyMatch((fk) -> index.name().equalsIgnoreCase(fk.name()) && fk.columns().equals(index.columns()))) {
				continue;
			}
			if (index.columns().stream().anyMatch((column) -> table.column(column) == null)) {
				this.problems.add("index " + index.name() + " of " + table.name() + " is on expressions "
						+ index.columns());
				continue;
			}
			indexes.add(new NewIndex(name, names.of(index.name()), index.unique(), names.of(index.columns())));
		}
		for (ForeignKey foreignKey : table.foreignKeys()) {
			if (foreignKey.name() == null || foreignKey.columns().size() != 1 || !isDefault(foreignKey.onDelete())
					|| !isDefault(foreignKey.onUpdate())) {
				this.problems.add("foreign key " + foreignKey + " of " + table.name()
						+ " is not a named key of one column without ON DELETE/ON UPDATE actions");
				continue;
			}
			NewForeignKey newKey = new NewForeignKey(name, names.of(foreignKey.name()),
					names.of(foreignKey.columns().get(0)), names.of(foreignKey.referencedTable()),
					names.of(foreignKey.referencedColumns().get(0)));
			boolean referencedExists = foreignKey.referencedTable().equalsIgnoreCase(table.name())
					|| created.contains(SchemaSnapshot.key(foreignKey.referencedTable()));
			(referencedExists ? foreignKeys : this.foreignKeys).add(newKey);
		}
		this.tables.add(new NewTable(name, columns, indexes, foreignKeys));
	}

	private static boolean isDefault(String action) {
		String normalized = action.toUpperCase(Locale.ROOT).replace('_', ' ');
		return normalized.equals("NO ACTION") || normalized.equals("RESTRICT");
	}

	/**
	 * The tables to create, each with its indexes and the foreign keys to tables created
	 * before it, referenced tables first.
	 * @return the tables
	 */
	public List<NewTable> tables() {
		return List.copyOf(this.tables);
	}

	/**
	 * The foreign keys to add once every table exists: those of a cycle of tables.
	 * @return the keys
	 */
	public List<NewForeignKey> foreignKeys() {
		return List.copyOf(this.foreignKeys);
	}

	/**
	 * The primary keys to rename last.
	 * @return the renames
	 */
	public List<PrimaryKeyName> primaryKeyNames() {
		return List.copyOf(this.primaryKeyNames);
	}

	/**
	 * What the operations cannot express, one sentence each: empty when they build the whole
	 * snapshot.
	 * @return the problems
	 */
	public List<String> problems() {
		return List.copyOf(this.problems);
	}

	/**
	 * Record the operations.
	 * @param schema where to record them
	 */
	public void record(Schema schema) {
		this.tables.forEach((table) -> table.record(schema));
		this.foreignKeys.forEach((key) -> key.record(schema));
		this.primaryKeyNames.forEach((name) -> name.record(schema));
	}

	/**
	 * The operations as the Java statements of a {@code change(Schema schema)} method, one per
	 * line, each indented by {@code indent}: what {@link #record} records, written out. Needs
	 * {@code ColumnType} and {@code SqlExpression} imported.
	 * @param indent the indentation of each statement
	 * @return the statements
	 */
	public String javaSource(String indent) {
		StringBuilder source = new StringBuilder();
		this.tables.forEach((table) -> table.javaSource(source, indent));
		this.foreignKeys.forEach((key) -> source.append(indent).append("schema.addForeignKey(")
			.append(strings(key.table(), key.name(), key.column(), key.referencedTable(), key.referencedColumn()))
			.append(");\n"));
		this.primaryKeyNames.forEach((name) -> source.append(indent).append("schema.sql(")
			.append(strings(name.sql(), name.undoSql())).append(");\n"));
		return source.toString();
	}

	private static String strings(String... values) {
		StringJoiner joined = new StringJoiner(", ");
		for (String value : values) {
			joined.add(JavaLiterals.string(value));
		}
		return joined.toString();
	}

	private static String strings(List<String> values) {
		return strings(values.toArray(String[]::new));
	}

	/**
	 * A table to create.
	 *
	 * @param name its name
	 * @param columns its columns, in order
	 * @param indexes its indexes, created with it
	 * @param foreignKeys its foreign keys, created with it
	 */
	public record NewTable(String name, List<NewColumn> columns, List<NewIndex> indexes,
			List<NewForeignKey> foreignKeys) {

		void record(Schema schema) {
			schema.createTable(this.name, (table) -> {
				this.columns.forEach((column) -> column.define(table));
				this.indexes.forEach((index) -> index.define(table));
				this.foreignKeys.forEach((key) -> key.define(table));
			});
		}

		void javaSource(StringBuilder source, String indent) {
			String inner = indent + "\t";
			source.append(indent).append("schema.createTable(").append(JavaLiterals.string(this.name))
				.append(", (table) -> {\n");
			for (NewColumn column : this.columns) {
				source.append(inner).append(column.javaSource()).append(";\n");
			}
			for (NewIndex index : this.indexes) {
				source.append(inner).append(index.unique() ? "table.uniqueIndex(" : "table.index(")
					.append(JavaLiterals.string(index.name())).append(", ").append(strings(index.columns()))
					.append(");\n");
			}
			for (NewForeignKey key : this.foreignKeys) {
				source.append(inner).append("table.foreignKey(")
					.append(strings(key.name(), key.column(), key.referencedTable(), key.referencedColumn()))
					.append(");\n");
			}
			source.append(indent).append("});\n");
		}

	}

	/**
	 * A column of a table to create.
	 *
	 * @param name its name
	 * @param type its type
	 * @param identity whether the database numbers it ({@link TableDefinition#id(String)})
	 * @param notNull whether it refuses {@code NULL}
	 * @param primaryKey whether it is (part of) the primary key, other than an identity
	 * @param unique whether it has a unique constraint of its own
	 * @param defaultSql its default as SQL, or {@code null}
	 */
	public record NewColumn(String name, ColumnType type, boolean identity, boolean notNull, boolean primaryKey,
			boolean unique, @Nullable String defaultSql) {

		void define(TableDefinition table) {
			if (this.identity) {
				table.id(this.name);
				return;
			}
			ColumnDefinition column = table.column(this.name, this.type);
			if (this.primaryKey) {
				column.primaryKey();
			}
			else if (this.notNull) {
				column.notNull();
			}
			if (this.unique) {
				column.unique();
			}
			if (this.defaultSql != null) {
				column.defaultValue(SqlExpression.of(this.defaultSql));
			}
		}

		/** What {@link #define} does, as Java. */
		String javaSource() {
			if (this.identity) {
				return "table.id(" + JavaLiterals.string(this.name) + ")";
			}
			StringBuilder source = new StringBuilder("table.column(").append(JavaLiterals.string(this.name))
				.append(", ").append(this.type.javaExpression()).append(')');
			if (this.primaryKey) {
				source.append(".primaryKey()");
			}
			else if (this.notNull) {
				source.append(".notNull()");
			}
			if (this.unique) {
				source.append(".unique()");
			}
			if (this.defaultSql != null) {
				source.append(".defaultValue(SqlExpression.of(").append(JavaLiterals.string(this.defaultSql))
					.append("))");
			}
			return source.toString();
		}

	}

	/**
	 * An index of a table to create.
	 *
	 * @param table its table
	 * @param name its name
	 * @param unique whether it is unique
	 * @param columns its columns, in order
	 */
	public record NewIndex(String table, String name, boolean unique, List<String> columns) {

		void define(TableDefinition table) {
			if (this.unique) {
				table.uniqueIndex(this.name, this.columns.toArray(String[]::new));
			}
			else {
				table.index(this.name, this.columns.toArray(String[]::new));
			}
		}

	}

	/**
	 * A foreign key, created with its table or added once every table exists.
	 *
	 * @param table the referencing table
	 * @param name its name
	 * @param column the referencing column
	 * @param referencedTable the referenced table
	 * @param referencedColumn the referenced column
	 */
	public record NewForeignKey(String table, String name, String column, String referencedTable,
			String referencedColumn) {

		void define(TableDefinition table) {
			table.foreignKey(this.name, this.column, this.referencedTable, this.referencedColumn);
		}

		void record(Schema schema) {
			schema.addForeignKey(this.table, this.name, this.column, this.referencedTable, this.referencedColumn);
		}

	}

	/**
	 * A primary key to rename, as SQL: the schema operations do not name keys.
	 *
	 * @param table its table
	 * @param from the name the database gave it
	 * @param to the name it has in the schema read
	 */
	public record PrimaryKeyName(String table, String from, String to) {

		/**
		 * The statement that renames it.
		 * @return the SQL
		 */
		public String sql() {
			return rename(this.from, this.to);
		}

		/**
		 * The statement that renames it back.
		 * @return the SQL
		 */
		public String undoSql() {
			return rename(this.to, this.from);
		}

		private String rename(String from, String to) {
			return "ALTER TABLE " + this.table + " RENAME CONSTRAINT " + from + " TO " + to;
		}

		void record(Schema schema) {
			schema.sql(sql(), undoSql());
		}

	}

	/** Names as a migration writes them: {@code BOOKS} on H2 is {@code books}, as it was written unquoted. */
	private record Names(boolean upperCase) {

		String of(String reported) {
			return (this.upperCase && reported.equals(reported.toUpperCase(Locale.ROOT)))
					? reported.toLowerCase(Locale.ROOT) : reported;
		}

		List<String> of(List<String> reported) {
			return reported.stream().map(this::of).toList();
		}

	}

}
