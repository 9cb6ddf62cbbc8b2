package dev.smalls.testapp.credentials;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * DDL only the schema's owner may run.
 */
@Component
public class M0001CreateNotes implements SmallsMigration {

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE notes (id SERIAL PRIMARY KEY, body TEXT NOT NULL)");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.execute("DROP TABLE notes");
	}

}
