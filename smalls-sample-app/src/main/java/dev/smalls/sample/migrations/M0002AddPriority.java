package dev.smalls.sample.migrations;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * Adds a priority column; existing rows get the default.
 */
@Component
public class M0002AddPriority implements SmallsMigration {

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("ALTER TABLE todos ADD COLUMN priority INT DEFAULT 3 NOT NULL");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.execute("ALTER TABLE todos DROP COLUMN priority");
	}

}
