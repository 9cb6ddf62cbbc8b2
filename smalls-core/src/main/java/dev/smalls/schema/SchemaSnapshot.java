package dev.smalls.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.SmallsTables;

/**
 * The tables of a schema as JDBC metadata reports them: columns (type, nullability, default),
 * primary key, indexes (unique constraints appear as unique indexes) and foreign keys, as
 * comparable values. It covers the connection's current schema (catalog on MariaDB/MySQL).
 * <p>
 * A snapshot can be kept to compare with later (drift): each {@link Table#encode() table as
 * text} to store, {@link Table#decode(String) read back} and {@link #of(Collection) put
 * together} again by a later smalls.
 * <p>
 * Names the database made up itself ({@code SYS_IDX_46}, {@code CONSTRAINT_8C},
 * {@code sqlite_autoindex_t_1}) differ between two creations of the same table, so they are
 * left out ({@code null}): two snapshots of the same schema compare equal whatever the
 * database numbered.
 */
public final class SchemaSnapshot {

	private final Map<String, Table> tables;

	SchemaSnapshot(Collection<Table> tables) {
		this.tables = new TreeMap<>();
		tables.forEach((table) -> this.tables.put(key(table.name()), table));
	}

	/**
	 * A snapshot of some tables, e.g. tables stored as text and {@link Table#decode(String)
	 * read back}.
	 * @param tables the tables, with names that differ in more than case
	 * @return the snapshot
	 */
	public static SchemaSnapshot of(Collection<Table> tables) {
		return new SchemaSnapshot(tables);
	}

	/**
	 * Read the schema a data source's connections work in.
	 * @param dataSource the data source
	 * @return the snapshot
	 */
	public static SchemaSnapshot read(DataSource dataSource) {
		return read(new JdbcTemplate(dataSource));
	}

	/**
	 * Read the schema a template's connection works in (inside a transaction, that
	 * transaction's connection).
	 * @param jdbc the template
	 * @return the snapshot
	 */
	public static SchemaSnapshot read(JdbcTemplate jdbc) {
		return Objects.requireNonNull(jdbc.execute((ConnectionCallback<SchemaSnapshot>) SchemaSnapshot::read));
	}

	/**
	 * Read the schema a connection works in.
	 * @param connection the connection
	 * @return the snapshot
	 * @throws SQLException if the metadata cannot be read
	 */
	public static SchemaSnapshot read(Connection connection) throws SQLException {
		return new SnapshotReader(connection).read();
	}

	/**
	 * The tables, by name.
	 * @return the tables
	 */
	public Collection<Table> tables() {
		return this.tables.values();
	}

	/**
	 * A table, by its name in any case.
	 * @param name the table's name
	 * @return the table, or {@code null} if there is none
	 */
	public @Nullable Table table(String name) {
		return this.tables.get(key(name));
	}

	/**
	 * The same snapshot without smalls' own tables.
	 * @param tables smalls' tables, by their history table
	 * @return the snapshot without them
	 */
	public SchemaSnapshot without(SmallsTables tables) {
		// A snapshot holds the tables of one schema: their names without it.
		return without(tables.all().stream().map((name) -> name.substring(name.indexOf('.') + 1))
			.toArray(String[]::new));
	}

	/**
	 * The same snapshot with only some tables.
	 * @param names the tables to keep, in any case; names of no table are ignored
	 * @return the snapshot of those tables
	 */
	public SchemaSnapshot only(String... names) {
		List<Table> kept = new ArrayList<>();
		for (String name : names) {
			Table table = table(name);
			if (table != null && !kept.contains(table)) {
				kept.add(table);
			}
		}
		return new SchemaSnapshot(kept);
	}

	/**
	 * The same snapshot without some tables.
	 * @param names the tables to leave out, in any case
	 * @return the snapshot without them
	 */
	public SchemaSnapshot without(String... names) {
		Set<String> left = new HashSet<>();
		for (String name : names) {
			left.add(key(name));
		}
		return new SchemaSnapshot(this.tables.values().stream().filter((table) -> !left.contains(key(table.name())))
			.toList());
	}

	/**
	 * How this schema differs from another: one sentence per difference, empty if none, each
	 * naming the table and the column, index or key, with this schema's value first and the
	 * other's as expected, e.g. {@code column users.email: type VARCHAR(100), expected
	 * VARCHAR(50)} or {@code table notes is new}. Column order is not compared (a column added
	 * back by a rollback comes last), nor how a database spells the same default.
	 * @param other the schema to compare with, e.g. the one before a migration, or the one the
	 * history says this schema should have
	 * @return the differences, table by table in the order of their names
	 */
	public List<String> differencesFrom(SchemaSnapshot other) {
		Set<String> names = new TreeSet<>(this.tables.keySet());
		names.addAll(other.tables.keySet());
		List<String> differences = new ArrayList<>();
		for (String name : names) {
			Table ours = this.tables.get(name);
			Table theirs = other.tables.get(name);
			if (ours == null) {
				differences.add("table " + Objects.requireNonNull(theirs).name() + " is missing");
			}
			else if (theirs == null) {
				differences.add("table " + ours.name() + " is new");
			}
			else {
				ours.compareWith(theirs, differences);
			}
		}
		return differences;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof SchemaSnapshot snapshot && differencesFrom(snapshot).isEmpty();
	}

	@Override
	public int hashCode() {
		return this.tables.keySet().hashCode();
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		tables().forEach((table) -> text.append(table).append('\n'));
		return text.toString();
	}

	static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * A table.
	 *
	 * @param name its name as the database stores it
	 * @param columns its columns, in their order in the table
	 * @param primaryKey its primary key, or {@code null}
	 * @param indexes its indexes other than the primary key's, by name
	 * @param foreignKeys its foreign keys
	 */
	public record Table(String name, List<Column> columns, @Nullable PrimaryKey primaryKey, List<Index> indexes,
			List<ForeignKey> foreignKeys) {

		/**
		 * A column, by its name in any case.
		 * @param name the column's name
		 * @return the column, or {@code null}
		 */
		public @Nullable Column column(String name) {
			return this.columns.stream().filter((column) -> column.name().equalsIgnoreCase(name)).findFirst()
				.orElse(null);
		}

		/**
		 * An index, by its name in any case.
		 * @param name the index's name
		 * @return the index, or {@code null}
		 */
		public @Nullable Index index(String name) {
			return this.indexes.stream().filter((index) -> name.equalsIgnoreCase(index.name())).findFirst()
				.orElse(null);
		}

		/**
		 * A foreign key, by its name in any case.
		 * @param name the key's name
		 * @return the key, or {@code null}
		 */
		public @Nullable ForeignKey foreignKey(String name) {
			return this.foreignKeys.stream().filter((key) -> name.equalsIgnoreCase(key.name())).findFirst()
				.orElse(null);
		}

		/**
		 * This table as text to store, which {@link #decode(String)} reads back, in this and
		 * any later smalls release. The text is the same for equal tables, on any JVM; its first
		 * token names its format ({@code smalls-table-v1}).
		 * @return the text, one line per column, key and index
		 */
		public String encode() {
			return TableCodec.encode(this);
		}

		/**
		 * A table from the text {@link #encode()} made of it.
		 * @param text the text
		 * @return the table, equal to the one encoded
		 * @throws IllegalArgumentException if the text is not a table smalls wrote, or is in a
		 * format of a later smalls
		 */
		public static Table decode(String text) {
			return TableCodec.decode(text);
		}

		void compareWith(Table other, List<String> differences) {
			TableComparison.compare(this, other, differences);
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder(this.name).append(" (");
			this.columns.forEach((column) -> text.append("\n  ").append(column));
			if (this.primaryKey != null) {
				text.append("\n  ").append(this.primaryKey);
			}
			this.indexes.forEach((index) -> text.append("\n  ").append(index));
			this.foreignKeys.forEach((key) -> text.append("\n  ").append(key));
			return text.append("\n)").toString();
		}

	}

	/**
	 * A column.
	 *
	 * @param name its name as the database stores it
	 * @param typeName its type as the metadata names it ({@code TYPE_NAME})
	 * @param size its {@code COLUMN_SIZE}: length, precision, or the type's own size
	 * @param scale its {@code DECIMAL_DIGITS}
	 * @param nullable whether it accepts {@code NULL}
	 * @param defaultValue its default as SQL, as the database reports it, or {@code null}
	 * @param autoIncrement whether the database numbers it
	 */
	public record Column(String name, String typeName, int size, int scale, boolean nullable,
			@Nullable String defaultValue, boolean autoIncrement) {

		@Override
		public String toString() {
			return this.name + " " + this.typeName + "(" + this.size + ((this.scale != 0) ? ", " + this.scale : "")
					+ ")" + (this.nullable ? "" : " NOT NULL")
					+ ((this.defaultValue != null) ? " DEFAULT " + this.defaultValue : "")
					+ (this.autoIncrement ? " AUTO_INCREMENT" : "");
		}

	}

	/**
	 * A primary key.
	 *
	 * @param name its name, or {@code null} if the database made it up
	 * @param columns its columns, in key order
	 */
	public record PrimaryKey(@Nullable String name, List<String> columns) {

		@Override
		public String toString() {
			return "PRIMARY KEY " + ((this.name != null) ? this.name + " " : "") + this.columns;
		}

	}

	/**
	 * An index, or the unique index behind a unique constraint.
	 *
	 * @param name its name, or {@code null} if the database made it up
	 * @param unique whether it is unique
	 * @param columns its columns (or expressions), in order
	 */
	public record Index(@Nullable String name, boolean unique, List<String> columns) {

		@Override
		public String toString() {
			return (this.unique ? "UNIQUE INDEX " : "INDEX ") + ((this.name != null) ? this.name + " " : "")
					+ this.columns;
		}

	}

	/**
	 * A foreign key.
	 *
	 * @param name its name, or {@code null} if the database made it up or reports none
	 * @param columns the referencing columns, in key order
	 * @param referencedTable the referenced table
	 * @param referencedColumns the referenced columns, in key order
	 * @param onUpdate what an update of the referenced key does, e.g. {@code NO ACTION}
	 * @param onDelete what a delete of the referenced row does, e.g. {@code CASCADE}
	 */
	public record ForeignKey(@Nullable String name, List<String> columns, String referencedTable,
			List<String> referencedColumns, String onUpdate, String onDelete) {

		@Override
		public String toString() {
			return "FOREIGN KEY " + ((this.name != null) ? this.name + " " : "") + this.columns + " REFERENCES "
					+ this.referencedTable + " " + this.referencedColumns + " ON UPDATE " + this.onUpdate
					+ " ON DELETE " + this.onDelete;
		}

	}

}
