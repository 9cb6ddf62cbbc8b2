package dev.smalls.maven.scan.usable;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

public class UsableMigration implements SmallsMigration {

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
	}

}
