package dev.smalls.autoconfigure;

import java.util.Map;

import org.springframework.beans.factory.InitializingBean;

import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;

/**
 * Brings each {@code smalls.instances} set that migrates on start-up up to date when the
 * application starts, one after the other, in the order configured. Spring Boot makes JPA,
 * {@code JdbcTemplate} users and {@code @DependsOnDatabaseInitialization} beans wait for it,
 * whichever DataSource they use. A failure names its instance, and the sets after it are
 * left as they are.
 */
public class SmallsInstancesInitializer implements InitializingBean {

	private final Map<String, SmallsMigrator> migrators;

	private final Map<String, SmallsMigrationStrategy> strategies;

	/**
	 * Create an initializer.
	 * @param migrators the migrators of the sets start-up migrates, by instance, in order
	 * @param strategies what start-up does on each of them
	 */
	SmallsInstancesInitializer(Map<String, SmallsMigrator> migrators, Map<String, SmallsMigrationStrategy> strategies) {
		this.migrators = migrators;
		this.strategies = strategies;
	}

	@Override
	public void afterPropertiesSet() {
		this.migrators.forEach((name, migrator) -> {
			try {
				this.strategies.get(name).migrate(migrator);
			}
			catch (SmallsException ex) {
				throw new InstanceMigrationException(name, ex);
			}
		});
	}

}
