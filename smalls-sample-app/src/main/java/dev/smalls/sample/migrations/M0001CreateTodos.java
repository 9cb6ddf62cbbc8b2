package dev.smalls.sample.migrations;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * Creates the to-do table.
 */
@Component
public class M0001CreateTodos implements SmallsMigration {

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE todos (id INT PRIMARY KEY, title VARCHAR(200) NOT NULL, done BOOLEAN NOT NULL)");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.execute("DROP TABLE todos");
	}

}
