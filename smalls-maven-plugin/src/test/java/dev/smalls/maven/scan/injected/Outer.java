package dev.smalls.maven.scan.injected;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

public class Outer {

	public class InnerMigration implements SmallsMigration {

		@Override
		public int sequence() {
			return 3;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
		}

	}

}
