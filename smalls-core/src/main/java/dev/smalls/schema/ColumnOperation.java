package dev.smalls.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SchemaDdl;

/**
 * {@code addColumn}, whose inverse drops the column, or {@code dropColumn}, whose inverse adds
 * it again, empty.
 */
record ColumnOperation(String table, ColumnDefinition column, boolean add) implements DdlOperation {

	@Override
	public String description() {
		return this.add ? "addColumn " + this.table + "." + this.column.describe()
				: "dropColumn " + this.table + "." + this.column.name();
	}

	@Override
	public List<String> statements(SchemaDdl ddl, @Nullable Connection live, boolean apply) throws SQLException {
		if (this.add == apply) {
			return ddl.addColumn(this.table, this.column.toDdl(ddl), live);
		}
		return ddl.dropColumn(this.table, this.column.name(), live);
	}

	@Override
	public boolean rewritable() {
		return true;
	}

	@Override
	public Effect effectIn(SchemaSnapshot snapshot, SchemaDdl ddl) {
		SchemaSnapshot.Table table = Operation.table(snapshot, this.table);
		if (table == null) {
			return Effect.CANNOT_TELL;
		}
		return Operation.applied((table.column(this.column.name()) != null) == this.add);
	}

}
