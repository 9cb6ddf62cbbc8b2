package dev.smalls.autoconfigure;

import dev.smalls.SmallsMigrator;

/**
 * What happens to the database when the application starts with {@code smalls.enabled=true}.
 * Declare a bean of this type to replace the default, which applies every pending migration
 * (or those up to {@code smalls.target}). Whatever it does, Spring Boot still starts JPA,
 * {@code JdbcTemplate} users and {@code @DependsOnDatabaseInitialization} beans only after
 * it returns; an exception it throws stops the start-up.
 * <p>
 * Only check, and refuse to start on a database that is behind the code (for example where
 * migrations are applied by a pipeline before the deploy):
 * <pre class="code">
 * &#64;Bean
 * SmallsMigrationStrategy validateOnly() {
 *     return (migrator) -&gt; {
 *         if (migrator.status().pendingCount() &gt; 0) {
 *             throw new IllegalStateException("The database is behind the code: run the migrations first");
 *         }
 *     };
 * }
 * </pre>
 * Migrate only up to a sequence: {@code (migrator) -> migrator.migrate(5)}. Do nothing on
 * start-up, yet keep the migrator for the endpoint, the shell and your own code:
 * {@code (migrator) -> { }}.
 */
@FunctionalInterface
public interface SmallsMigrationStrategy {

	/**
	 * Bring the database to where the application needs it.
	 * @param migrator the auto-configured migrator
	 */
	void migrate(SmallsMigrator migrator);

}
