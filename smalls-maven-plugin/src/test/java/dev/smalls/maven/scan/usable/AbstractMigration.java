package dev.smalls.maven.scan.usable;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

/** Not a migration itself: abstract. */
public abstract class AbstractMigration implements SmallsMigration {

	@Override
	public void rollback(JdbcTemplate jdbc) {
	}

	/** A migration through a superclass, nested and static. */
	public static class Subclass extends AbstractMigration {

		@Override
		public int sequence() {
			return 3;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
		}

	}

}
