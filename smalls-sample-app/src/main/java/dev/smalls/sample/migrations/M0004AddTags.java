package dev.smalls.sample.migrations;

import org.springframework.stereotype.Component;

import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;

/**
 * Tags for to-dos, written as schema operations: no DDL by hand, and the rollback (drop the
 * key, the column, the table) is derived. {@code smalls sql 0004} shows the SQL.
 */
@Component
public class M0004AddTags implements SchemaMigration {

	@Override
	public int sequence() {
		return 4;
	}

	@Override
	public void change(Schema schema) {
		schema.createTable("tags", (table) -> {
			table.id("id");
			table.column("name", ColumnType.varchar(50)).notNull();
		});
		schema.addColumn("todos", "tag_id", ColumnType.BIGINT);
		schema.addForeignKey("todos", "fk_todos_tag", "tag_id", "tags", "id");
	}

}
