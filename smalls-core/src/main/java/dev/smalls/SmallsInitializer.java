package dev.smalls;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A step of {@link SmallsMigrator#init()}, run after the init SQL scripts, in {@code @Order}.
 * Use it to create what migrations cannot: schemas, extensions, reference data every
 * environment needs.
 */
@FunctionalInterface
public interface SmallsInitializer {

	/**
	 * Run this step.
	 * @param jdbc a template bound to the init transaction
	 */
	void run(JdbcTemplate jdbc);

}
