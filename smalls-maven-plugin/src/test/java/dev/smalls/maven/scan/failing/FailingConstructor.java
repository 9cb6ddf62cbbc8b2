package dev.smalls.maven.scan.failing;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

public class FailingConstructor implements SmallsMigration {

	public FailingConstructor() {
		throw new IllegalStateException("no configuration file");
	}

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
