package dev.smalls.maven.scan.injected;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

public class FieldInjected implements SmallsMigration {

	@Autowired
	private Runnable audit;

	private String admin;

	@Override
	public int sequence() {
		return 2;
	}

	@Value("${app.admin}")
	void setAdmin(String admin) {
		this.admin = admin;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		this.audit.run();
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
	}

}
