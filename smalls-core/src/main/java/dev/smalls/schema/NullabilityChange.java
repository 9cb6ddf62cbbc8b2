package dev.smalls.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SchemaDdl;

/**
 * {@code setNotNull} or {@code dropNotNull}; the inverse of each is the other.
 */
record NullabilityChange(String table, String column, boolean notNull) implements DdlOperation {

	@Override
	public String description() {
		return (this.notNull ? "setNotNull " : "dropNotNull ") + this.table + "." + this.column;
	}

	@Override
	public List<String> statements(SchemaDdl ddl, @Nullable Connection live, boolean apply) throws SQLException {
		return ddl.setNotNull(this.table, this.column, this.notNull == apply, live);
	}

	@Override
	public List<String> leftovers(SchemaDdl ddl, Connection live, boolean apply) throws SQLException {
		return (this.notNull == apply) ? ddl.notNullLeftovers(live, this.table, this.column) : List.of();
	}

	@Override
	public boolean rewritable() {
		return true;
	}

	@Override
	public Effect effectIn(SchemaSnapshot snapshot, SchemaDdl ddl) {
		SchemaSnapshot.Table table = Operation.table(snapshot, this.table);
		SchemaSnapshot.Column column = (table != null) ? table.column(this.column) : null;
		if (column == null) {
			return Effect.CANNOT_TELL;
		}
		return Operation.applied(column.nullable() != this.notNull);
	}

}
