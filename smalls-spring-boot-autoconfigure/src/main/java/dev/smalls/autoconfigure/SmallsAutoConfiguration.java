package dev.smalls.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import dev.smalls.SmallsCallback;
import dev.smalls.SmallsInitializer;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsSeeder;
import dev.smalls.SqlScript;
import dev.smalls.autoconfigure.SmallsAutoConfiguration.SmallsDataSourceCondition;
import dev.smalls.dialect.SmallsDialect;

/**
 * Auto-configuration for smalls: a {@link SmallsMigrator} on the application's data source,
 * and migrate-on-start-up when {@code smalls.enabled=true}.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
@Conditional(SmallsDataSourceCondition.class)
@EnableConfigurationProperties(SmallsProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
@ImportRuntimeHints(SmallsRuntimeHints.class)
public final class SmallsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(SmallsMigrator.class)
	static class SmallsMigratorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigrationDataSource smallsMigrationDataSource(SmallsProperties properties,
				ObjectProvider<DataSource> dataSource, @SmallsDataSource ObjectProvider<DataSource> smallsDataSource) {
			return MigrationDataSource.resolve(properties, smallsDataSource.getIfAvailable(), dataSource::getIfAvailable);
		}

		@Bean
		@ConditionalOnMissingBean
		SmallsMigrator smallsMigrator(SmallsProperties properties, MigrationDataSource dataSource,
				ObjectProvider<SmallsMigration> migrations, ObjectProvider<SmallsInitializer> initializers,
				ObjectProvider<SmallsSeeder> seeders, ObjectProvider<SmallsCallback> callbacks,
				ObjectProvider<SmallsDialect> dialect, ObjectProvider<SmallsMigratorCustomizer> customizers,
				ResourceLoader resourceLoader, Environment environment) {
			// The migrator runs its migrations on a template of its own: the application's
			// JdbcTemplate waits for the migrations, so it cannot be used to run them.
			SmallsMigrator.Builder builder = SmallsMigrator.builder(dataSource.get())
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
				.callbacks(callbacks.orderedStream().toList());
			dialect.ifAvailable(builder::dialect);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		private static List<SqlScript> scripts(ResourceLoader resourceLoader, List<String> locations,
				List<String> defaults) {
			return locations.stream()
				.map((location) -> new SqlScript(resourceLoader.getResource(location), location,
						!defaults.contains(location)))
				.toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("smalls.enabled")
	static class MigrateOnStartupConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SmallsMigrationInitializer smallsMigrationInitializer(SmallsMigrator migrator, SmallsProperties properties,
				ObjectProvider<SmallsMigrationStrategy> strategy) {
			return new SmallsMigrationInitializer(migrator,
					strategy.getIfAvailable(() -> new DefaultMigrationStrategy(properties.getTarget())));
		}

		@Bean
		@ConditionalOnMissingBean
		SmallsSchemaManagementProvider smallsSchemaManagementProvider(
				ObjectProvider<MigrationDataSource> migrationDataSource) {
			return new SmallsSchemaManagementProvider(migrationDataSource);
		}

	}

	static final class SmallsDataSourceCondition extends AnyNestedCondition {

		SmallsDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(DataSource.class)
		private static final class DataSourceBeanCondition {

		}

		@ConditionalOnProperty("smalls.url")
		private static final class SmallsUrlCondition {

		}

	}

}
