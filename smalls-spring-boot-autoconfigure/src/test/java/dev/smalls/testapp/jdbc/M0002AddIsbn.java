package dev.smalls.testapp.jdbc;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

/**
 * Not a component: the application declares it with a {@code @Bean} method, in
 * {@link MigrationBeans}.
 */
public class M0002AddIsbn implements SmallsMigration {

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("ALTER TABLE book ADD COLUMN isbn VARCHAR(17)");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.execute("ALTER TABLE book DROP COLUMN isbn");
	}

}
