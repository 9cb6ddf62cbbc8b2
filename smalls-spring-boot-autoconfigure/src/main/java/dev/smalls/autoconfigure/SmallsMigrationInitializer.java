package dev.smalls.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;

import dev.smalls.MigrateResult;
import dev.smalls.SmallsMigrator;

/**
 * Applies pending migrations when the application starts. Spring Boot makes JPA,
 * {@code JdbcTemplate} users and {@code @DependsOnDatabaseInitialization} beans wait for it.
 */
public class SmallsMigrationInitializer implements InitializingBean {

	private static final Log logger = LogFactory.getLog(SmallsMigrationInitializer.class);

	private final SmallsMigrator migrator;

	public SmallsMigrationInitializer(SmallsMigrator migrator) {
		this.migrator = migrator;
	}

	@Override
	public void afterPropertiesSet() {
		MigrateResult result = this.migrator.migrate();
		if (result.applied().isEmpty()) {
			logger.debug("Database is up to date at sequence " + result.current());
		}
		else {
			logger.info("Applied " + result.applied().size() + " migration(s) in batch " + result.batch()
					+ "; current sequence " + result.current());
		}
	}

}
