package dev.smalls.schema;

import java.sql.Connection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.DdlColumn;
import dev.smalls.dialect.DdlForeignKey;
import dev.smalls.dialect.DdlIndex;
import dev.smalls.dialect.SchemaDdl;

/**
 * {@code createTable}, whose inverse drops the table, or {@code dropTable}, whose inverse
 * creates it again from its definition (without its rows).
 */
record TableOperation(String table, List<ColumnDefinition> columns, boolean create, List<DdlIndex> indexes,
		List<DdlForeignKey> foreignKeys) implements DdlOperation {

	@Override
	public String description() {
		return (this.create ? "createTable " : "dropTable ") + this.table + " " + TableDefinition.describe(this.columns)
				+ TableDefinition.describe(this.indexes, this.foreignKeys);
	}

	@Override
	public List<String> statements(SchemaDdl ddl, @Nullable Connection live, boolean apply) {
		if (this.create == apply) {
			List<DdlColumn> columns = this.columns.stream().map((column) -> column.toDdl(ddl)).toList();
			return (this.indexes.isEmpty() && this.foreignKeys.isEmpty()) ? ddl.createTable(this.table, columns)
					: ddl.createTable(this.table, columns, this.indexes, this.foreignKeys);
		}
		return ddl.dropTable(this.table);
	}

	@Override
	public Effect effectIn(SchemaSnapshot snapshot, SchemaDdl ddl) {
		if (this.table.indexOf('.') >= 0) {
			return Effect.CANNOT_TELL;
		}
		return Operation.applied((snapshot.table(this.table) != null) == this.create);
	}

}
