package dev.smalls.testapp.jpa;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * Reference data: rows only a migration writes.
 */
@Component
public class M0002AddClassics implements SmallsMigration {

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.update("INSERT INTO book (id, title) VALUES (1, 'Middlemarch')");
		jdbc.update("INSERT INTO book (id, title, format) VALUES (2, 'Bleak House', 'paperback')");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.update("DELETE FROM book WHERE id IN (1, 2)");
	}

}
