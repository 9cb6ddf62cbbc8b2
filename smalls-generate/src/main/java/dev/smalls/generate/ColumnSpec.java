package dev.smalls.generate;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.schema.ColumnDefinition;
import dev.smalls.schema.TableDefinition;

/**
 * A column as a generated operation defines it: recorded on a {@link TableDefinition} or a
 * {@link ColumnDefinition}, and written as the Java that does the same.
 *
 * @param name its name
 * @param type its type
 * @param notNull whether it refuses {@code NULL}
 * @param primaryKey whether it is (part of) the key
 * @param identity whether the database numbers it: {@code table.id(name)}
 * @param unique whether it has a unique constraint of its own, named by the database
 * @param defaultValue its default, or {@code null}
 */
record ColumnSpec(String name, ModelType type, boolean notNull, boolean primaryKey, boolean identity, boolean unique,
		@Nullable Object defaultValue) {

	void define(TableDefinition table) {
		if (this.identity) {
			table.id(this.name);
		}
		else {
			options(table.column(this.name, this.type.type()));
		}
	}

	void options(ColumnDefinition column) {
		if (this.primaryKey) {
			column.primaryKey();
		}
		else if (this.notNull) {
			column.notNull();
		}
		if (this.unique) {
			column.unique();
		}
		if (this.defaultValue != null) {
			column.defaultValue(this.defaultValue);
		}
	}

	/** {@code table.column("name", ColumnType.varchar(255)).notNull();}, or {@code table.id("id");}. */
	String tableLine(JavaSource source) {
		if (this.identity) {
			return "table.id(" + JavaSource.string(this.name) + ");";
		}
		return "table.column(" + JavaSource.string(this.name) + ", " + source.type(this.type.type()) + ")"
				+ String.join("", calls(source)) + ";";
	}

	/** The options as a lambda argument, {@code , (column) -> column.notNull()}, or nothing. */
	String optionsArgument(JavaSource source) {
		List<String> calls = calls(source);
		return calls.isEmpty() ? "" : ", (column) -> column" + String.join("", calls);
	}

	private List<String> calls(JavaSource source) {
		List<String> calls = new ArrayList<>();
		if (this.primaryKey) {
			calls.add(".primaryKey()");
		}
		else if (this.notNull) {
			calls.add(".notNull()");
		}
		if (this.unique) {
			calls.add(".unique()");
		}
		if (this.defaultValue != null) {
			calls.add(".defaultValue(" + source.value(this.defaultValue) + ")");
		}
		return calls;
	}

	/** {@code name VARCHAR(255) NOT NULL}, for notes. */
	String describe() {
		return this.name + " " + (this.identity ? "BIGINT numbered by the database" : this.type.type().toString())
				+ (this.notNull || this.primaryKey ? " NOT NULL" : "");
	}

}
