package dev.smalls.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;

import dev.smalls.SmallsCallback;
import dev.smalls.SmallsInitializer;
import dev.smalls.SmallsInstances;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsSeeder;
import dev.smalls.dialect.SmallsDialect;

/**
 * Auto-configuration of the migration sets under {@code smalls.instances}: a migrator for
 * each on its own database, and migrate-on-start-up for those enabled, before the users of
 * any DataSource start.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class })
@Conditional(InstancesConfigured.class)
@EnableConfigurationProperties(SmallsProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class SmallsInstancesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigrationSets smallsMigrationSets(ListableBeanFactory beanFactory, SmallsProperties properties,
			Environment environment) {
		// Here, as every migrator of a set asks for the sets first, and before any runs.
		InstanceKeys.check(environment);
		return new MigrationSets(beanFactory, properties.getInstances());
	}

	// The default set's, unless the application built its own migrator, which has none.
	@Bean
	@ConditionalOnMissingBean
	SmallsMigratorBuilders smallsInstanceMigratorBuilders(SmallsProperties properties,
			ObjectProvider<SmallsMigration> migrations, ObjectProvider<SmallsInitializer> initializers,
			ObjectProvider<SmallsSeeder> seeders, ObjectProvider<SmallsCallback> callbacks,
			ObjectProvider<SmallsDialect> dialect, ObjectProvider<SmallsMigratorCustomizer> customizers,
			ResourceLoader resourceLoader, Environment environment, ObjectProvider<MigrationSets> sets,
			ObjectProvider<InstanceCallbacks> instanceCallbacks,
			ObjectProvider<PlatformTransactionManager> transactionManagers) {
		return new SmallsMigratorBuilders(properties, migrations, initializers, seeders, callbacks, dialect,
				customizers, resourceLoader, environment, sets, instanceCallbacks,
				transactionManagers);
	}

	@Bean
	InstanceMigrators smallsInstanceMigrators(SmallsProperties properties, SmallsMigratorBuilders builders,
			ListableBeanFactory beanFactory, ObjectProvider<MigrationDataSource> defaultDataSource) {
		return new InstanceMigrators(properties, builders, beanFactory, defaultDataSource.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	SmallsInstances smallsInstances(InstanceMigrators migrators) {
		return migrators.instances();
	}

	@Bean
	@ConditionalOnMissingBean
	SmallsInstancesInitializer smallsInstancesInitializer(SmallsProperties properties, SmallsInstances instances) {
		Map<String, SmallsMigrator> migrators = new LinkedHashMap<>();
		Map<String, SmallsMigrationStrategy> strategies = new LinkedHashMap<>();
		properties.getInstances().forEach((name, instance) -> {
			if (instance.migratesOnStartup(properties) && instances.contains(name)) {
				migrators.put(name, instances.migrator(name));
				strategies.put(name, new DefaultMigrationStrategy(instance.getTarget(), name));
			}
		});
		return new SmallsInstancesInitializer(migrators, strategies);
	}

	@Bean
	InstancesSchemaManagementProvider smallsInstancesSchemaManagementProvider(SmallsProperties properties,
			InstanceMigrators migrators) {
		List<InstanceDataSources.Resolved> migrated = migrators.dataSources()
			.entrySet()
			.stream()
			.filter((entry) -> properties.getInstances().get(entry.getKey()).migratesOnStartup(properties))
			.map(Map.Entry::getValue)
			.toList();
		return new InstancesSchemaManagementProvider(migrated);
	}

}
