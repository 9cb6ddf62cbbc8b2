package dev.smalls.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.DdlForeignKey;
import dev.smalls.dialect.SchemaDdl;

/**
 * {@code addForeignKey}, whose inverse drops the key, or {@code dropForeignKey}, whose inverse
 * adds it again.
 *
 * @param table the referencing table
 * @param key the key
 * @param add whether the migration adds the key
 * @param ownIndex whether the key comes and goes with an index of its own where the database
 * needs one (MariaDB/MySQL): so for a key the migration adds, not for one it drops
 */
record ForeignKeyOperation(String table, DdlForeignKey key, boolean add, boolean ownIndex) implements DdlOperation {

	@Override
	public String description() {
		return (this.add ? "addForeignKey " : "dropForeignKey ") + this.key.name() + " on " + this.table + " ("
				+ this.key.column() + ") references " + this.key.referencedTable() + " ("
				+ this.key.referencedColumn() + ")";
	}

	@Override
	public List<String> statements(SchemaDdl ddl, @Nullable Connection live, boolean apply) throws SQLException {
		if (this.add == apply) {
			return ddl.addForeignKey(this.table, this.key, this.ownIndex, live);
		}
		return ddl.dropForeignKey(this.table, this.key, this.ownIndex, live);
	}

	@Override
	public List<String> leftovers(SchemaDdl ddl, Connection live, boolean apply) throws SQLException {
		return (this.add == apply) ? ddl.foreignKeyLeftovers(live, this.table, this.key) : List.of();
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
		return Operation.applied((table.foreignKey(this.key.name()) != null) == this.add);
	}

}
