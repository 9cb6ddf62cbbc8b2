package dev.smalls.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;

import dev.smalls.SmallsMigrator;

/**
 * Brings the database up to date when the application starts, through a
 * {@link SmallsMigrationStrategy}. Spring Boot makes JPA, {@code JdbcTemplate} users and
 * {@code @DependsOnDatabaseInitialization} beans wait for it.
 */
public class SmallsMigrationInitializer implements InitializingBean {

	private final SmallsMigrator migrator;

	private final SmallsMigrationStrategy strategy;

	/**
	 * Create an initializer that applies every pending migration.
	 * @param migrator the migrator
	 */
	public SmallsMigrationInitializer(SmallsMigrator migrator) {
		this(migrator, null);
	}

	/**
	 * Create an initializer that runs a strategy.
	 * @param migrator the migrator
	 * @param strategy what to do on start-up, or {@code null} to apply every pending
	 * migration
	 */
	public SmallsMigrationInitializer(SmallsMigrator migrator, @Nullable SmallsMigrationStrategy strategy) {
		Assert.notNull(migrator, "'migrator' must not be null");
		this.migrator = migrator;
		this.strategy = (strategy != null) ? strategy : new DefaultMigrationStrategy(null);
	}

	@Override
	public void afterPropertiesSet() {
		this.strategy.migrate(this.migrator);
	}

}
