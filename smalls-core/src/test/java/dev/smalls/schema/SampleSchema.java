package dev.smalls.schema;

import java.math.BigDecimal;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.smalls.schema.ColumnType.BIGINT;
import static dev.smalls.schema.ColumnType.INTEGER;
import static dev.smalls.schema.ColumnType.TEXT;
import static dev.smalls.schema.ColumnType.decimal;
import static dev.smalls.schema.ColumnType.varchar;

/**
 * The schema the operation tests start from, made by a schema migration of sequence 1: users
 * with indexes, orders referencing them, and a table keyed by a code; a few rows in each.
 */
final class SampleSchema {

	static final TestSchemaMigration MIGRATION = new TestSchemaMigration(1, "sample_schema", (schema) -> {
		schema.createTable("users", (table) -> {
			table.id("id");
			table.column("name", varchar(100)).notNull().defaultValue("x");
			table.column("age", INTEGER);
			table.column("email", varchar(200));
			table.column("status", varchar(20)).defaultValue("new");
		});
		schema.addIndex("users", "users_age_idx", "age");
		schema.addUniqueIndex("users", "users_email_key", "email");
		schema.createTable("legacy", (table) -> {
			table.column("code", varchar(10)).primaryKey();
			table.column("label", TEXT);
		});
		schema.createTable("orders", (table) -> {
			table.id("id");
			table.column("user_id", BIGINT);
			table.column("legacy_code", varchar(10));
			table.column("total", decimal(10, 2)).notNull().defaultValue(new BigDecimal("0.00"));
			table.column("note", TEXT);
		});
		schema.addForeignKey("orders", "fk_orders_user", "user_id", "users", "id");
	});

	private SampleSchema() {
	}

	static void addRows(JdbcTemplate jdbc) {
		jdbc.update("INSERT INTO users (name, age, email) VALUES ('ann', 31, 'ann@example.com')");
		jdbc.update("INSERT INTO users (name, age, email) VALUES ('bob', 42, 'bob@example.com')");
		jdbc.update("INSERT INTO legacy (code, label) VALUES ('A1', 'first')");
		jdbc.update("INSERT INTO orders (user_id, legacy_code, total) VALUES (1, 'A1', 12.50)");
	}

}
