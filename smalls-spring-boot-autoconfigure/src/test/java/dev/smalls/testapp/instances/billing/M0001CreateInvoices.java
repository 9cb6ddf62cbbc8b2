package dev.smalls.testapp.instances.billing;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * The billing set's first migration, by its package
 * ({@code smalls.instances.billing.migrations-package}).
 */
@Component
public class M0001CreateInvoices implements SmallsMigration {

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE invoice (id BIGINT PRIMARY KEY, number VARCHAR(50) NOT NULL)");
		jdbc.execute("INSERT INTO invoice (id, number) VALUES (1, 'INV-1')");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.execute("DROP TABLE invoice");
	}

}
