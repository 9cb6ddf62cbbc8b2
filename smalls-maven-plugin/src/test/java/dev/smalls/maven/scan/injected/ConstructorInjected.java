package dev.smalls.maven.scan.injected;

import java.time.Clock;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

public class ConstructorInjected implements SmallsMigration {

	private final Clock clock;

	public ConstructorInjected(Clock clock, String zone) {
		this.clock = clock;
	}

	public ConstructorInjected(Clock clock) {
		this.clock = clock;
	}

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		this.clock.instant();
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
	}

}
