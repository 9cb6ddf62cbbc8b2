package dev.smalls.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

/**
 * A {@link DatabaseInitializerDetector} for {@link SmallsMigrationInitializer}: beans that
 * use the database are made to depend on it.
 */
public final class SmallsMigrationInitializerDatabaseInitializerDetector
		extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(SmallsMigrationInitializer.class, SmallsTenantsInitializer.class, SmallsInstancesInitializer.class);
	}

	@Override
	public int getOrder() {
		// Before Spring Boot's own script initializer, as Flyway and Liquibase are.
		return 1;
	}

}
