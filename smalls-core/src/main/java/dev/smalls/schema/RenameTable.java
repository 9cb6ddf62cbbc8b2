package dev.smalls.schema;

import java.sql.Connection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.SchemaDdl;

/**
 * {@code renameTable}, within the table's schema; its inverse renames it back.
 *
 * @param from the table, optionally schema-qualified
 * @param to its new name, unqualified
 */
record RenameTable(String from, String to) implements DdlOperation {

	@Override
	public String description() {
		return "renameTable " + this.from + " to " + this.to;
	}

	@Override
	public List<String> statements(SchemaDdl ddl, @Nullable Connection live, boolean apply) {
		int dot = this.from.indexOf('.');
		if (apply) {
			return ddl.renameTable(this.from, this.to);
		}
		return ddl.renameTable(this.from.substring(0, dot + 1) + this.to, this.from.substring(dot + 1));
	}

	@Override
	public Effect effectIn(SchemaSnapshot snapshot, SchemaDdl ddl) {
		if (this.from.indexOf('.') >= 0) {
			return Effect.CANNOT_TELL;
		}
		boolean renamed = snapshot.table(this.to) != null;
		if (renamed == (snapshot.table(this.from) != null)) {
			return Effect.CANNOT_TELL;
		}
		return Operation.applied(renamed);
	}

}
