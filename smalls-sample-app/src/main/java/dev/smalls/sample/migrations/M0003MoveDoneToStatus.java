package dev.smalls.sample.migrations;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * Replaces the done flag with a status, moving the data across both ways.
 */
@Component
public class M0003MoveDoneToStatus implements SmallsMigration {

	@Override
	public int sequence() {
		return 3;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("ALTER TABLE todos ADD COLUMN status VARCHAR(20) DEFAULT 'open' NOT NULL");
		jdbc.update("UPDATE todos SET status = 'done' WHERE done = TRUE");
		jdbc.execute("ALTER TABLE todos DROP COLUMN done");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		// The default fills the existing rows; 0001 made the column without one, so it goes again
		// (smalls rehearse --all catches a rollback that forgets this).
		jdbc.execute("ALTER TABLE todos ADD COLUMN done BOOLEAN DEFAULT FALSE NOT NULL");
		jdbc.update("UPDATE todos SET done = TRUE WHERE status = 'done'");
		jdbc.execute("ALTER TABLE todos ALTER COLUMN done DROP DEFAULT");
		jdbc.execute("ALTER TABLE todos DROP COLUMN status");
	}

}
