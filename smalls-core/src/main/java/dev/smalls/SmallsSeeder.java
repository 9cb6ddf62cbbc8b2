package dev.smalls;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A step of {@link SmallsMigrator#seed(boolean)}, run after the seed SQL scripts, in
 * {@code @Order}. Seed data is for development and test databases: seeding is refused while
 * a forbidden profile is active unless forced.
 */
@FunctionalInterface
public interface SmallsSeeder {

	/**
	 * Run this step.
	 * @param jdbc a template bound to the seed transaction
	 */
	void run(JdbcTemplate jdbc);

}
