package dev.smalls.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import dev.smalls.SmallsCallback;
import dev.smalls.SmallsInitializer;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsSeeder;
import dev.smalls.SqlScript;

/**
 * Auto-configuration for smalls: a {@link SmallsMigrator} on the application's data source,
 * and migrate-on-start-up when {@code smalls.enabled=true}.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(SmallsProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class SmallsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SmallsMigrator smallsMigrator(SmallsProperties properties, ObjectProvider<DataSource> dataSource,
			@SmallsDataSource ObjectProvider<DataSource> smallsDataSource, ObjectProvider<SmallsMigration> migrations,
			ObjectProvider<SmallsInitializer> initializers, ObjectProvider<SmallsSeeder> seeders,
			ObjectProvider<SmallsCallback> callbacks, ResourceLoader resourceLoader, Environment environment) {
		// The migrator runs its migrations on a template of its own: the application's
		// JdbcTemplate waits for the migrations, so it cannot be used to run them.
		return SmallsMigrator.builder(smallsDataSource.getIfAvailable(dataSource::getObject))
			// Not orderedStream(): the sequence orders migrations, and sorting thousands of beans
			// by @Order would only slow the start-up down.
			.migrations(migrations.stream().toList())
			.initializers(initializers.orderedStream().toList())
			.seeders(seeders.orderedStream().toList())
			.initScripts(scripts(resourceLoader, properties.getInit().getLocations(),
					SmallsProperties.Init.DEFAULT_LOCATIONS))
			.seedScripts(scripts(resourceLoader, properties.getSeed().getLocations(),
					SmallsProperties.Seed.DEFAULT_LOCATIONS))
			.table(properties.getTable())
			.outOfOrder(properties.isOutOfOrder())
			.lockTimeout(properties.getLockTimeout())
			.seedGuard(new ProfileSeedGuard(environment, properties.getSeed().getForbiddenProfiles()))
			.callbacks(callbacks.orderedStream().toList())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("smalls.enabled")
	SmallsMigrationInitializer smallsMigrationInitializer(SmallsMigrator migrator) {
		return new SmallsMigrationInitializer(migrator);
	}

	private static List<SqlScript> scripts(ResourceLoader resourceLoader, List<String> locations,
			List<String> defaults) {
		return locations.stream()
			.map((location) -> new SqlScript(resourceLoader.getResource(location), location,
					!defaults.contains(location)))
			.toList();
	}

}
