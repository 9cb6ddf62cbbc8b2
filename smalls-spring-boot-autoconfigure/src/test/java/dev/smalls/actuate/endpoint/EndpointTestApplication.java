package dev.smalls.actuate.endpoint;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

/**
 * A web application with three migrations; the first one's rollback always fails.
 */
@SpringBootApplication
class EndpointTestApplication {

	@Bean
	SmallsMigration createA() {
		return migration(1, "create_a", "CREATE TABLE a (id INT)", null);
	}

	@Bean
	SmallsMigration createB() {
		return migration(2, "create_b", "CREATE TABLE b (id INT)", "DROP TABLE b");
	}

	@Bean
	SmallsMigration createC() {
		return migration(3, "create_c", "CREATE TABLE c (id INT)", "DROP TABLE c");
	}

	private static SmallsMigration migration(int sequence, String name, String up, String down) {
		return new SmallsMigration() {

			@Override
			public int sequence() {
				return sequence;
			}

			@Override
			public String name() {
				return name;
			}

			@Override
			public void migrate(JdbcTemplate jdbc) {
				jdbc.execute(up);
			}

			@Override
			public void rollback(JdbcTemplate jdbc) {
				if (down == null) {
					throw new IllegalStateException(name + " cannot be undone");
				}
				jdbc.execute(down);
			}

		};
	}

}
