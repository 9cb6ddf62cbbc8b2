package dev.smalls.schema;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A data step of a schema migration: code that changes rows, not the schema, with the
 * migration's {@link JdbcTemplate}. See {@link Schema#run(JdbcStep, JdbcStep)}.
 */
@FunctionalInterface
public interface JdbcStep {

	/**
	 * Do the step.
	 * @param jdbc the migration's template, in its transaction
	 */
	void run(JdbcTemplate jdbc);

}
