package com.example.migrations;


import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;

public class M0001CreateAccounts implements SchemaMigration {

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void change(Schema schema) {
		schema.createTable("accounts", (table) -> {
			table.id("id");
			table.column("name", ColumnType.varchar(100)).notNull();
		});
	}

}
