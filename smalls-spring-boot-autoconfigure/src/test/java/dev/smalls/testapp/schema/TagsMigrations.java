package dev.smalls.testapp.schema;

import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;

/**
 * Two schema migrations that test applications add after their migrations of code: one that
 * can be interrupted and repaired, and one that must never be rolled back.
 */
public final class TagsMigrations {

	/** 0004_add_tags: a table and its index, two operations whose effect the schema shows. */
	public static final SchemaMigration ADD_TAGS = new Migration(4, "add_tags", (schema) -> {
		schema.createTable("tags", (table) -> {
			table.id("id");
			table.column("name", ColumnType.varchar(50)).notNull();
		});
		schema.addIndex("tags", "tags_name_idx", "name");
	});

	/** 0005_freeze_tags: irreversible. */
	public static final SchemaMigration FREEZE_TAGS = new Migration(5, "freeze_tags", (schema) -> {
		schema.addColumn("tags", "frozen", ColumnType.BOOLEAN);
		schema.irreversible("frozen tags are shared with other systems");
	});

	private TagsMigrations() {
	}

	private record Migration(int sequence, String name, java.util.function.Consumer<Schema> changes)
			implements SchemaMigration {

		@Override
		public void change(Schema schema) {
			this.changes.accept(schema);
		}

	}

}
