package dev.smalls.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.smalls.dialect.DdlForeignKey;

/**
 * The operations of a {@link SchemaMigration}, recorded in order by its
 * {@link SchemaMigration#change(Schema) change} method. Recording runs nothing: smalls checks
 * every name first (plain SQL identifiers only, see {@link TableDefinition}), then applies the
 * operations in order, and rolls them back by their inverses in reverse order.
 * <p>
 * Names mean what they mean unquoted in SQL on the database: {@code users} is {@code USERS} on
 * H2 and HSQLDB, as it would be in a hand-written statement. smalls quotes a name only when it
 * is an SQL keyword (a column called {@code order}), in the case the database folds to.
 */
public final class Schema {

	private final List<Operation> operations = new ArrayList<>();

	private final Map<Integer, Map<String, String>> acknowledgements = new LinkedHashMap<>();

	/** For each operation, whether it was recorded inside {@link #safely}. */
	private final List<Boolean> safe = new ArrayList<>();

	private boolean recordingSafely;

	Schema() {
	}

	/**
	 * Record operations to run in their safe form: one that lets the application go on
	 * writing to the table while the change runs, where the database has it, e.g.
	 * <pre class="code">
	 * schema.safely((safe) -&gt; {
	 *     safe.addIndex("orders", "orders_customer_idx", "customer_id");
	 *     safe.addForeignKey("orders", "fk_orders_customer", "customer_id", "customers", "id");
	 * });
	 * </pre>
	 * The schema they leave is the same, and so is the migration's checksum; the rollback is
	 * still their inverses, in safe form too.
	 * <ul>
	 * <li>PostgreSQL: {@code addIndex} builds the index {@code CONCURRENTLY} (its rollback drops
	 * it so); {@code addForeignKey} adds the key {@code NOT VALID} and validates it after;
	 * {@code setNotNull} validates a {@code CHECK (column IS NOT NULL)} first, so that
	 * {@code SET NOT NULL} need not scan the table under an exclusive lock. Each statement
	 * commits on its own, so the migration runs outside a transaction, like one whose
	 * {@link dev.smalls.SmallsMigration#transactional() transactional()} is {@code false}: a
	 * failure is undone by the inverses of what ran (and an {@code INVALID} index or
	 * unvalidated constraint it left is dropped), a killed run is marked for repair.</li>
	 * <li>MariaDB and MySQL: statements ask for {@code ALGORITHM=INPLACE, LOCK=NONE}; where the
	 * server cannot make a change that way it refuses, nothing changes, and the error says
	 * what to do instead.</li>
	 * <li>H2, HSQLDB, SQLite and other databases: there is no safe form; the operations run as
	 * written, and the migration's SQL says so.</li>
	 * </ul>
	 * Operations with no safe form (e.g. {@code createTable}) run as written on every database.
	 * To run every operation of every migration this way, switch safe rewrites on for the
	 * migrator ({@code SmallsMigrator.Builder.safeRewrites(true)},
	 * {@code smalls.schema.safe-rewrites=true}).
	 * @param operations records the operations, on this schema
	 */
	public void safely(Consumer<Schema> operations) {
		boolean outer = this.recordingSafely;
		this.recordingSafely = true;
		try {
			operations.accept(this);
		}
		finally {
			this.recordingSafely = outer;
		}
	}

	/**
	 * Create a table. Inverse: drop it.
	 * @param table the table, optionally {@code schema.table}
	 * @param columns defines its columns
	 */
	public void createTable(String table, Consumer<TableDefinition> columns) {
		TableDefinition definition = define(columns);
		record(new TableOperation(Identifiers.table(table), definition.columns(table), true, definition.indexes(),
				definition.foreignKeys()));
	}

	/**
	 * Drop a table. Inverse: create it again from the definition given here; its rows are
	 * gone.
	 * @param table the table
	 * @param columns defines the table as it is, for the rollback
	 */
	public void dropTable(String table, Consumer<TableDefinition> columns) {
		TableDefinition definition = define(columns);
		record(new TableOperation(Identifiers.table(table), definition.columns(table), false, definition.indexes(),
				definition.foreignKeys()));
	}

	private static TableDefinition define(Consumer<TableDefinition> columns) {
		TableDefinition definition = new TableDefinition();
		columns.accept(definition);
		return definition;
	}

	/**
	 * Add a column that accepts {@code NULL} and has no default. Inverse: drop it.
	 * @param table the table
	 * @param column the column
	 * @param type its type
	 */
	public void addColumn(String table, String column, ColumnType type) {
		addColumn(table, column, type, (options) -> {
		});
	}

	/**
	 * Add a column with options, e.g.
	 * {@code addColumn("users", "reset_count", ColumnType.INTEGER, (c) -> c.notNull().defaultValue(0))}.
	 * Inverse: drop it.
	 * @param table the table
	 * @param column the column
	 * @param type its type
	 * @param options sets its options
	 */
	public void addColumn(String table, String column, ColumnType type, Consumer<ColumnDefinition> options) {
		record(new ColumnOperation(Identifiers.table(table), define(column, type, options), true));
	}

	/**
	 * Drop a column. Inverse: add it again, empty, as a column of this type that accepts
	 * {@code NULL}: <strong>its data is gone</strong>. Indexes and constraints on it go with it
	 * and do not come back; drop them first with their own operations so that the rollback
	 * creates them again.
	 * @param table the table
	 * @param column the column
	 * @param type its type, for the rollback
	 */
	public void dropColumn(String table, String column, ColumnType type) {
		dropColumn(table, column, type, (options) -> {
		});
	}

	/**
	 * Drop a column, giving its options for the rollback, which adds it again with them:
	 * <strong>its data is gone</strong>. A rollback that adds a {@code NOT NULL} column needs a
	 * default when the table has rows.
	 * @param table the table
	 * @param column the column
	 * @param type its type, for the rollback
	 * @param options its options, for the rollback
	 */
	public void dropColumn(String table, String column, ColumnType type, Consumer<ColumnDefinition> options) {
		record(new ColumnOperation(Identifiers.table(table), define(column, type, options), false));
	}

	private static ColumnDefinition define(String column, ColumnType type, Consumer<ColumnDefinition> options) {
		ColumnDefinition definition = new ColumnDefinition(column, Objects.requireNonNull(type, "type"), false);
		options.accept(definition);
		return definition;
	}

	/**
	 * Rename a column. Inverse: rename it back.
	 * @param table the table
	 * @param from the column's name
	 * @param to its new name
	 */
	public void renameColumn(String table, String from, String to) {
		record(new RenameColumn(Identifiers.table(table), Identifiers.plain("Column", from),
				different(from, Identifiers.plain("Column", to))));
	}

	/**
	 * Rename a table, within its schema. Inverse: rename it back.
	 * @param from the table, optionally {@code schema.table}
	 * @param to its new name, unqualified (or qualified by the same schema)
	 */
	public void renameTable(String from, String to) {
		String source = Identifiers.table(from);
		String target = Identifiers.table(to);
		int dot = source.indexOf('.');
		if (target.indexOf('.') >= 0) {
			Assert.isTrue(dot >= 0 && target.startsWith(source.substring(0, dot + 1)),
					() -> "renameTable renames a table within its schema; it cannot move " + from + " to " + to);
			target = target.substring(dot + 1);
		}
		record(new RenameTable(source, different(source.substring(dot + 1), target)));
	}

	/**
	 * Create an index. Inverse: drop it.
	 * @param table the table
	 * @param index the index's name
	 * @param columns the indexed columns, in order
	 */
	public void addIndex(String table, String index, String... columns) {
		index(table, index, false, columns, true);
	}

	/**
	 * Create a unique index. Inverse: drop it.
	 * @param table the table
	 * @param index the index's name
	 * @param columns the indexed columns, in order
	 */
	public void addUniqueIndex(String table, String index, String... columns) {
		index(table, index, true, columns, true);
	}

	/**
	 * Drop an index. Inverse: create it again, on the columns given here.
	 * @param table the table
	 * @param index the index's name
	 * @param columns its columns, in order, for the rollback
	 */
	public void dropIndex(String table, String index, String... columns) {
		index(table, index, false, columns, false);
	}

	/**
	 * Drop a unique index. Inverse: create it again, unique, on the columns given here.
	 * @param table the table
	 * @param index the index's name
	 * @param columns its columns, in order, for the rollback
	 */
	public void dropUniqueIndex(String table, String index, String... columns) {
		index(table, index, true, columns, false);
	}

	private void index(String table, String index, boolean unique, String[] columns, boolean add) {
		Assert.isTrue(columns.length > 0, () -> "Index " + index + " needs at least one column");
		Set<String> seen = new HashSet<>();
		for (String column : columns) {
			Identifiers.plain("Column", column);
			Assert.isTrue(seen.add(column.toLowerCase(Locale.ROOT)),
					() -> "Index " + index + " names column " + column + " twice");
		}
		record(new IndexOperation(Identifiers.table(table), Identifiers.plain("Index", index), unique,
				List.of(columns), add));
	}

	/**
	 * Add a foreign key. Inverse: drop it. On MariaDB and MySQL, which index a foreign key's
	 * column, the key comes with an index of the same name, and its rollback drops both.
	 * @param table the referencing table
	 * @param name the constraint's name
	 * @param column the referencing column
	 * @param referencedTable the referenced table
	 * @param referencedColumn the referenced column, usually its key
	 */
	public void addForeignKey(String table, String name, String column, String referencedTable,
			String referencedColumn) {
		record(new ForeignKeyOperation(Identifiers.table(table),
				foreignKey(name, column, referencedTable, referencedColumn), true, true));
	}

	/**
	 * Drop a foreign key. Inverse: add it again. On MariaDB and MySQL the key's index stays,
	 * as it does when you drop the key by hand, and serves the key again on rollback.
	 * @param table the referencing table
	 * @param name the constraint's name
	 * @param column the referencing column
	 * @param referencedTable the referenced table
	 * @param referencedColumn the referenced column
	 */
	public void dropForeignKey(String table, String name, String column, String referencedTable,
			String referencedColumn) {
		record(new ForeignKeyOperation(Identifiers.table(table),
				foreignKey(name, column, referencedTable, referencedColumn), false, false));
	}

	private static DdlForeignKey foreignKey(String name, String column, String referencedTable,
			String referencedColumn) {
		return new DdlForeignKey(Identifiers.plain("Foreign key", name), Identifiers.plain("Column", column),
				Identifiers.table(referencedTable), Identifiers.plain("Column", referencedColumn));
	}

	/**
	 * Change a column's type, converting its values. Inverse: change it back, converting them
	 * again (a conversion that loses precision or length loses it for good).
	 * @param table the table
	 * @param column the column
	 * @param from its type now, for the rollback
	 * @param to its new type
	 */
	public void alterColumnType(String table, String column, ColumnType from, ColumnType to) {
		Assert.isTrue(!from.equals(to), () -> "alterColumnType of " + table + "." + column + " changes nothing: from "
				+ "and to are both " + to);
		record(new ColumnTypeChange(Identifiers.table(table), Identifiers.plain("Column", column), from,
				to));
	}

	/**
	 * Make a column refuse {@code NULL}; fails if it holds any. Inverse: {@link #dropNotNull}.
	 * @param table the table
	 * @param column the column
	 */
	public void setNotNull(String table, String column) {
		record(new NullabilityChange(Identifiers.table(table), Identifiers.plain("Column", column), true));
	}

	/**
	 * Make a column accept {@code NULL}. Inverse: {@link #setNotNull}, which fails if
	 * {@code NULL}s were stored meanwhile.
	 * @param table the table
	 * @param column the column
	 */
	public void dropNotNull(String table, String column) {
		record(new NullabilityChange(Identifiers.table(table), Identifiers.plain("Column", column),
				false));
	}

	/**
	 * Change a column's default. Inverse: set the previous one again.
	 * @param table the table
	 * @param column the column
	 * @param from its default now, for the rollback; {@code null} for none
	 * @param to its new default (see {@link ColumnDefinition#defaultValue(Object)}); {@code null}
	 * to drop it
	 */
	public void setDefault(String table, String column, @Nullable Object from, @Nullable Object to) {
		Assert.isTrue(!Objects.equals(from, to), () -> "setDefault of " + table + "." + column + " changes nothing");
		record(new DefaultChange(Identifiers.table(table), Identifiers.plain("Column", column),
				(from != null) ? ColumnDefinition.checkDefault(from) : null,
				(to != null) ? ColumnDefinition.checkDefault(to) : null));
	}

	/**
	 * Run a statement of your own, for what the operations above do not cover. Inverse: run
	 * {@code backward} (blank: nothing). Neither is checked or rewritten: they run as given,
	 * on every database.
	 * @param forward the statement
	 * @param backward the statement that undoes it
	 */
	public void sql(String forward, String backward) {
		Assert.hasText(forward, "sql(..) needs a statement");
		Assert.notNull(backward, "sql(..) needs a backward statement; a blank one does nothing");
		record(new SqlOperation(forward, backward));
	}

	/**
	 * Change data in code, e.g. fill a new column before {@link #setNotNull} makes it
	 * mandatory. Inverse: run {@code backward}. A data step should change rows only: on a
	 * database whose DDL commits at once, smalls commits each step as it completes, and its
	 * rollback must undo what it committed.
	 * @param forward the step
	 * @param backward the step that undoes it
	 */
	public void run(JdbcStep forward, JdbcStep backward) {
		record(new DataOperation(Objects.requireNonNull(forward, "forward"),
				Objects.requireNonNull(backward, "backward")));
	}

	/**
	 * Mark the migration irreversible: rolling back across it is refused, before anything
	 * runs, with this reason. The operations still run forward, and a migration that fails
	 * half-way is still undone by the inverses of what it did.
	 * @param reason why, for the person who asks to roll back
	 */
	public void irreversible(String reason) {
		Assert.hasText(reason, "irreversible(..) needs a reason");
		record(new IrreversibleMarker(reason.strip()));
	}

	/**
	 * Acknowledge a finding of the linter for the operation recorded just before, with a
	 * reason: {@code smalls lint} still shows it, as acknowledged, and it no longer fails a
	 * run.
	 * <pre class="code">
	 * schema.addIndex("audit_log", "ix_audit_log_at", "at");
	 * schema.acknowledge("pg-index-not-concurrent", "audit_log is written once a day, at 02:00");
	 * </pre>
	 * @param rule the rule's id, as the finding names it
	 * @param reason why it is safe here
	 */
	public void acknowledge(String rule, String reason) {
		Assert.state(!this.operations.isEmpty(),
				"acknowledge(..) follows the operation it is about: record the operation first");
		Assert.hasText(rule, "acknowledge(..) needs the id of a lint rule");
		Assert.hasText(reason, () -> "acknowledge(\"" + rule + "\", ..) needs a reason: say why it is safe here");
		this.acknowledgements.computeIfAbsent(this.operations.size() - 1, (index) -> new LinkedHashMap<>())
			.put(rule.strip(), reason.strip());
	}

	private static String different(String from, String to) {
		Assert.isTrue(!from.equalsIgnoreCase(to), () -> "Renaming " + from + " to " + to + " changes nothing");
		return to;
	}

	private void record(Operation operation) {
		this.operations.add(operation);
		this.safe.add(this.recordingSafely);
	}

	List<Operation> operations() {
		return List.copyOf(this.operations);
	}

	Map<Integer, Map<String, String>> acknowledgements() {
		return Map.copyOf(this.acknowledgements);
	}

	List<Boolean> safe() {
		return List.copyOf(this.safe);
	}

}
