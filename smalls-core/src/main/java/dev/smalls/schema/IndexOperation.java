package dev.smalls.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SchemaDdl;

/**
 * {@code addIndex} or {@code addUniqueIndex}, whose inverse drops the index, or
 * {@code dropIndex}/{@code dropUniqueIndex}, whose inverse creates it again.
 */
record IndexOperation(String table, String index, boolean unique, List<String> columns, boolean add)
		implements DdlOperation {

	@Override
	public String description() {
		return (this.add ? "add" : "drop") + (this.unique ? "UniqueIndex " : "Index ") + this.index + " on "
				+ this.table + " " + this.columns.toString().replace('[', '(').replace(']', ')');
	}

	@Override
	public List<String> statements(SchemaDdl ddl, @Nullable Connection live, boolean apply) {
		if (this.add == apply) {
			return ddl.createIndex(this.table, this.index, this.unique, this.columns);
		}
		return ddl.dropIndex(this.table, this.index);
	}

	@Override
	public List<String> leftovers(SchemaDdl ddl, Connection live, boolean apply) throws SQLException {
		return (this.add == apply) ? ddl.indexLeftovers(live, this.table, this.index) : List.of();
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
		return Operation.applied((table.index(this.index) != null) == this.add);
	}

}
