package dev.smalls.aot.migrations;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * The first greeting.
 */
@Component
public class M0002AddHello implements SmallsMigration {

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.update("INSERT INTO greeting (id, text) VALUES (1, 'hello')");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.update("DELETE FROM greeting WHERE id = 1");
	}

}
