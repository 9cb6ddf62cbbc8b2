package dev.smalls.generate;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.smalls.schema.SchemaSnapshot;

/**
 * The schema the JPA model asks for, as Hibernate derives it: tables with their columns, keys,
 * indexes and foreign keys, and the sequences the identifier generators use. Names are as
 * Hibernate writes them (after the naming strategies), unquoted.
 *
 * @param tables the tables, by name
 * @param sequences the sequences
 * @param notes what the model has that generate leaves alone, said for the person reading
 */
record Model(List<Table> tables, List<Sequence> sequences, List<String> notes) {

	@Nullable Table table(String name) {
		return this.tables.stream().filter((table) -> table.name().equalsIgnoreCase(name)).findFirst().orElse(null);
	}

	/**
	 * A table.
	 *
	 * @param name its name
	 * @param owner the entity or collection that maps it, for messages
	 * @param columns its columns, in Hibernate's order
	 * @param primaryKey its key's columns, empty for none
	 * @param indexes its indexes and unique constraints, each with a name
	 * @param foreignKeys its foreign keys
	 * @param checks the check constraints Hibernate writes on its columns (an enum's values, a
	 * discriminator's)
	 */
	record Table(String name, String owner, List<Column> columns, List<String> primaryKey, List<Index> indexes,
			List<ForeignKey> foreignKeys, List<Check> checks) {

		@Nullable Column column(String name) {
			return this.columns.stream().filter((column) -> column.name().equalsIgnoreCase(name)).findFirst()
				.orElse(null);
		}

		boolean isKey(String column) {
			return this.primaryKey.stream().anyMatch(column::equalsIgnoreCase);
		}

	}

	/**
	 * A column.
	 *
	 * @param name its name
	 * @param type the type to write it with
	 * @param nullable whether it accepts {@code NULL}
	 * @param identity whether the database numbers it ({@code GenerationType.IDENTITY})
	 * @param defaultValue its default ({@code @ColumnDefault}) as a value for
	 * {@code defaultValue(..)}, or {@code null}
	 * @param sameType tells whether a database column has the type Hibernate expects, by
	 * Hibernate's own rule, length included; {@code null} when that cannot be told (a
	 * {@code columnDefinition})
	 * @param existingRows what rows a table already has get, if it is added {@code NOT NULL}
	 * without a default
	 */
	record Column(String name, ModelType type, boolean nullable, boolean identity, @Nullable Object defaultValue,
			@Nullable TypeCheck sameType, ExistingRows existingRows) {

	}

	/**
	 * Whether a database column has the type the model expects.
	 */
	@FunctionalInterface
	interface TypeCheck {

		boolean matches(SchemaSnapshot.Column column, int jdbcTypeCode);

	}

	/**
	 * An index or unique constraint.
	 *
	 * @param name its name
	 * @param unique whether it is unique
	 * @param columns its columns, in order
	 */
	record Index(String name, boolean unique, List<String> columns) {

		boolean sameAs(boolean unique, List<String> columns) {
			return this.unique == unique && lower(this.columns).equals(lower(columns));
		}

	}

	/**
	 * A single-column foreign key.
	 *
	 * @param name its name
	 * @param column the referencing column
	 * @param referencedTable the referenced table
	 * @param referencedColumn the referenced column
	 */
	record ForeignKey(String name, String column, String referencedTable, String referencedColumn) {

		boolean sameAs(SchemaSnapshot.ForeignKey key) {
			return key.columns().size() == 1 && key.columns().get(0).equalsIgnoreCase(this.column)
					&& key.referencedTable().equalsIgnoreCase(this.referencedTable)
					&& key.referencedColumns().size() == 1
					&& key.referencedColumns().get(0).equalsIgnoreCase(this.referencedColumn);
		}

	}

	/**
	 * A check constraint on one column, as Hibernate writes it.
	 *
	 * @param column the column
	 * @param condition the condition, e.g. {@code dtype in ('Payment','CardPayment')}
	 */
	record Check(String column, String condition) {

	}

	/**
	 * A sequence an identifier generator draws from.
	 *
	 * @param name its name
	 * @param initial its first value
	 * @param increment how much each call adds
	 */
	record Sequence(String name, long initial, int increment) {

	}

	static List<String> lower(List<String> names) {
		return names.stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList();
	}

}
