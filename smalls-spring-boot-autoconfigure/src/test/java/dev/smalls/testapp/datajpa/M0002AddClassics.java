package dev.smalls.testapp.datajpa;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * Reference data.
 */
@Component
public class M0002AddClassics implements SmallsMigration {

	@Override
	public int sequence() {
		return 2;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.update("INSERT INTO book (id, title) VALUES (1, 'Middlemarch'), (2, 'Bleak House')");
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.update("DELETE FROM book WHERE id IN (1, 2)");
	}

}
