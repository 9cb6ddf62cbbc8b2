package com.example.migrations;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

public class M0002AuditedImport implements SmallsMigration {

	private final AuditLog audit;

	public M0002AuditedImport(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		this.audit.record("import");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
	}

}
