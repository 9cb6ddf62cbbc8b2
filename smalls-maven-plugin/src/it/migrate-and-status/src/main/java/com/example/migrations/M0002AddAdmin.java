package com.example.migrations;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

@Component
public class M0002AddAdmin implements SmallsMigration {

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.update("INSERT INTO accounts (name) VALUES ('admin')");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.update("DELETE FROM accounts WHERE name = 'admin'");
	}

}
