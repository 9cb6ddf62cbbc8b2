package dev.smalls.maven.scan.usable;

import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;

/** A migration through an interface that extends {@code SmallsMigration}, with a private constructor. */
final class UsableSchemaMigration implements SchemaMigration {

	private UsableSchemaMigration() {
	}

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public void change(Schema schema) {
		schema.createTable("things", (table) -> table.id("id"));
		schema.addColumn("things", "name", ColumnType.varchar(10));
	}

}
