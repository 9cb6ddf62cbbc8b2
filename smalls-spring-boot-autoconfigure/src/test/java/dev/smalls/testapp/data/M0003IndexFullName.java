package dev.smalls.testapp.data;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.DependsOnData;
import dev.smalls.SmallsMigration;

/**
 * Needs every full name: waits for the backfill.
 */
@Component
@DependsOnData(2)
public class M0003IndexFullName implements SmallsMigration {

	@Override
	public int sequence() {
		return 3;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("ALTER TABLE people ALTER COLUMN full_name SET NOT NULL");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.execute("ALTER TABLE people ALTER COLUMN full_name SET NULL");
	}

}
