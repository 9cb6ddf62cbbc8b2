package dev.smalls.aot.migrations;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * Creates the greeting table.
 */
@Component
public class M0001CreateGreeting implements SmallsMigration {

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE greeting (id INT PRIMARY KEY, text VARCHAR(100) NOT NULL)");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.execute("DROP TABLE greeting");
	}

}
