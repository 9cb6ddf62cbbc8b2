package com.example.migrations;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

public class M0002UppercaseNames implements SmallsMigration {

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.update("UPDATE accounts SET name = UPPER(name)");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
	}

}
