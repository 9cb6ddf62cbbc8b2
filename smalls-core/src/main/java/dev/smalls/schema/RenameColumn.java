package dev.smalls.schema;

import java.sql.Connection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SchemaDdl;

/**
 * {@code renameColumn}; its inverse renames the column back.
 */
record RenameColumn(String table, String from, String to) implements DdlOperation {

	@Override
	public String description() {
		return "renameColumn " + this.table + "." + this.from + " to " + this.to;
	}

	@Override
	public List<String> statements(SchemaDdl ddl, @Nullable Connection live, boolean apply) {
		return apply ? ddl.renameColumn(this.table, this.from, this.to)
				: ddl.renameColumn(this.table, this.to, this.from);
	}

	@Override
	public Effect effectIn(SchemaSnapshot snapshot, SchemaDdl ddl) {
		SchemaSnapshot.Table table = Operation.table(snapshot, this.table);
		if (table == null) {
			return Effect.CANNOT_TELL;
		}
		boolean renamed = table.column(this.to) != null;
		if (renamed == (table.column(this.from) != null)) {
			return Effect.CANNOT_TELL;
		}
		return Operation.applied(renamed);
	}

}
