package dev.smalls.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SchemaDdl;

/**
 * {@code alterColumnType}; its inverse changes the type back, converting the values again.
 */
record ColumnTypeChange(String table, String column, ColumnType from, ColumnType to) implements DdlOperation {

	@Override
	public String description() {
		return "alterColumnType " + this.table + "." + this.column + " from " + this.from + " to " + this.to;
	}

	@Override
	public List<String> statements(SchemaDdl ddl, @Nullable Connection live, boolean apply) throws SQLException {
		return ddl.alterColumnType(this.table, this.column, (apply ? this.to : this.from).ddlType(), live);
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
		return Operation.decide(this.to.matches(column), this.from.matches(column));
	}

}
