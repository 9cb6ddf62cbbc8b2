package dev.smalls.testapp.data;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.smalls.SmallsMigration;

/**
 * The people table, with 3,000 people and no full names yet.
 */
@Component
public class M0001CreatePeople implements SmallsMigration {

	static final int PEOPLE = 3_000;

	@Override
	public int sequence() {
		return 1;
	}

	@Override
	public void migrate(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE people (id BIGINT PRIMARY KEY, first_name VARCHAR(50), last_name VARCHAR(50), "
				+ "full_name VARCHAR(101))");
		List<Object[]> rows = new ArrayList<>();
		for (long id = 1; id <= PEOPLE; id++) {
			rows.add(new Object[] { id, "First" + id, "Last" + id });
		}
		jdbc.batchUpdate("INSERT INTO people (id, first_name, last_name) VALUES (?, ?, ?)", rows);
	}

	@Override
	public void rollback(JdbcTemplate jdbc) {
		jdbc.execute("DROP TABLE people");
	}

}
