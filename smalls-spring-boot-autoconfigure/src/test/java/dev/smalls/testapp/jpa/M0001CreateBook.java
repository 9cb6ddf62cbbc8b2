package dev.smalls.testapp.jpa;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * Creates the book table, with a column default Hibernate would not create.
 */
@Component
public class M0001CreateBook implements SmallsMigration {

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE book (id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL, "
				+ "format VARCHAR(20) DEFAULT 'hardcover' NOT NULL)");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.execute("DROP TABLE book");
	}

}
