package dev.smalls.testapp.instances.orders;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * The default set's migration: no instance claims it.
 */
@Component
public class M0001CreatePurchaseOrders implements SmallsMigration {

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE purchase_order (id BIGINT PRIMARY KEY, customer VARCHAR(100) NOT NULL)");
		jdbc.execute("INSERT INTO purchase_order (id, customer) VALUES (1, 'Ada')");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.execute("DROP TABLE purchase_order");
	}

}
