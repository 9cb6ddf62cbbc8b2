package dev.smalls.schema;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small schema written in plain SQL that all five databases take, with what drift has to
 * see: defaults (a string, a number, {@code CURRENT_TIMESTAMP}), named and unnamed keys,
 * indexes and unique constraints, a decimal type.
 */
final class HandMadeSchema {

	static final String CUSTOMERS = "CREATE TABLE customers (id INTEGER NOT NULL, code VARCHAR(20) NOT NULL UNIQUE, "
			+ "PRIMARY KEY (id))";

	static final String ORDERS = "CREATE TABLE orders (id INTEGER NOT NULL, customer_id INTEGER, email VARCHAR(50), "
			+ "quantity INTEGER DEFAULT 1 NOT NULL, amount INTEGER, status VARCHAR(20) DEFAULT 'new', "
			+ "note VARCHAR(100), price DECIMAL(10, 2) DEFAULT 0, PRIMARY KEY (id), "
			+ "CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id))";

	static final String ORDERS_INDEX = "CREATE INDEX orders_status_idx ON orders (status)";

	static final String ORDER_LINES = "CREATE TABLE order_lines (id INTEGER NOT NULL, order_id INTEGER NOT NULL, "
			+ "created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (id), "
			+ "FOREIGN KEY (order_id) REFERENCES orders (id))";

	static final String LEGACY = "CREATE TABLE legacy (code VARCHAR(10) NOT NULL, region VARCHAR(10) NOT NULL, "
			+ "PRIMARY KEY (code))";

	private static final List<String> TABLES = List.of("notes", "order_lines", "orders", "customers", "legacy");

	private HandMadeSchema() {
	}

	static void create(JdbcTemplate jdbc) {
		for (String statement : List.of(CUSTOMERS, ORDERS, ORDERS_INDEX, ORDER_LINES, LEGACY)) {
			jdbc.execute(statement);
		}
	}

	static void drop(JdbcTemplate jdbc) {
		TABLES.forEach((table) -> jdbc.execute("DROP TABLE IF EXISTS " + table));
	}

	/**
	 * What a person does on SQLite to change what {@code ALTER TABLE} cannot: a new table,
	 * the rows copied, the old one dropped, the new one renamed, its indexes made again.
	 * @param definition the changed {@code CREATE TABLE orders} statement
	 * @return the statements
	 */
	static List<String> rebuildOrdersOnSqlite(String definition) {
		return List.of(definition.replace("CREATE TABLE orders ", "CREATE TABLE orders_new "),
				"INSERT INTO orders_new SELECT * FROM orders", "DROP TABLE orders",
				"ALTER TABLE orders_new RENAME TO orders", ORDERS_INDEX);
	}

}
