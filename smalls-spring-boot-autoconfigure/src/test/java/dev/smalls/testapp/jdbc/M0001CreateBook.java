package dev.smalls.testapp.jdbc;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * Creates the book table.
 */
@Component
public class M0001CreateBook implements SmallsMigration {

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE book (id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL)");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.execute("DROP TABLE book");
	}

}
