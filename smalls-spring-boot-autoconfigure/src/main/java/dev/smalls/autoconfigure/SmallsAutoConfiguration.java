package dev.smalls.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.info.BuildProperties;
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
import org.springframework.transaction.PlatformTransactionManager;

import dev.smalls.SmallsCallback;
import dev.smalls.SmallsInitializer;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsSeeder;
import dev.smalls.SmallsTenant;
import dev.smalls.SmallsTenants;
import dev.smalls.autoconfigure.SmallsAutoConfiguration.SmallsDataSourceCondition;
import dev.smalls.dialect.SmallsDialect;

/**
 * Auto-configuration for smalls: a {@link SmallsMigrator} on the application's data source,
 * and migrate-on-start-up when {@code smalls.enabled=true}, else a line in the start-up log
 * when migrations are pending.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
@Conditional(SmallsDataSourceCondition.class)
@EnableConfigurationProperties(SmallsProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
@ImportRuntimeHints(SmallsRuntimeHints.class)
public final class SmallsAutoConfiguration {

	/** Data migrations take application beans in their constructors, resolved when first used. */
	@Bean
	static BeanFactoryPostProcessor smallsDataMigrationDependencies() {
		return DataMigrationDependencies.installer();
	}

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
		SmallsMigratorBuilders smallsMigratorBuilders(SmallsProperties properties,
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
		@ConditionalOnMissingBean
		SmallsMigrator smallsMigrator(SmallsMigratorBuilders builders, MigrationDataSource dataSource) {
			return builders.build(dataSource.get(), null);
		}

		@Bean
		@ConditionalOnMissingBean
		@Conditional(TenantsConfigured.NoTenants.class)
		@ConditionalOnBooleanProperty(name = "smalls.contract.announce", matchIfMissing = true)
		SmallsInstanceAnnouncer smallsInstanceAnnouncer(SmallsMigrator migrator, SmallsProperties properties,
				ObjectProvider<BuildProperties> build) {
			String release = properties.getContract().getRelease();
			if (release == null) {
				BuildProperties info = build.getIfAvailable();
				release = (info != null && info.getVersion() != null) ? info.getVersion()
						: "unknown";
			}
			return new SmallsInstanceAnnouncer(migrator, release, properties.getContract().getInstanceTimeout());
		}

		@Bean
		@ConditionalOnMissingBean
		@Conditional(TenantsConfigured.class)
		SmallsTenants smallsTenants(SmallsProperties properties, SmallsMigratorBuilders builders,
				MigrationDataSource dataSource, ObjectProvider<SmallsTenantSource> tenantSource) {
			SmallsTenantSource source = tenantSource.getIfAvailable(() -> () -> properties.getTenants()
				.getSchemas()
				.stream()
				.map((schema) -> new SmallsTenant(schema, dataSource.get(), schema))
				.toList());
			return SmallsTenants.builder((tenant) -> builders.build(tenant.dataSource(), tenant.schema()))
				.tenants(source::tenants)
				.parallelism(properties.getTenants().getParallelism())
				.stopOnFailure(properties.getTenants().isStopOnFailure())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("smalls.enabled")
	static class MigrateOnStartupConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Conditional(TenantsConfigured.NoTenants.class)
		SmallsMigrationInitializer smallsMigrationInitializer(SmallsMigrator migrator, SmallsProperties properties,
				ObjectProvider<SmallsMigrationStrategy> strategy) {
			return new SmallsMigrationInitializer(migrator,
					strategy.getIfAvailable(() -> new DefaultMigrationStrategy(properties.getTarget())));
		}

		@Bean
		@ConditionalOnMissingBean
		@Conditional(TenantsConfigured.class)
		SmallsTenantsInitializer smallsTenantsInitializer(ObjectProvider<SmallsTenants> tenants) {
			SmallsTenants available = tenants.getIfAvailable();
			if (available == null) {
				throw new IllegalStateException("Tenants are configured, but a SmallsMigrator bean of the "
						+ "application's own replaces smalls' configuration: declare a SmallsTenants bean as well");
			}
			return new SmallsTenantsInitializer(available);
		}

		@Bean
		@ConditionalOnMissingBean
		@Conditional(TenantsConfigured.NoTenants.class)
		@ConditionalOnBooleanProperty(name = "smalls.data.enabled", matchIfMissing = true)
		SmallsDataMigrationRunner smallsDataMigrationRunner(SmallsMigrator migrator, SmallsProperties properties) {
			return new SmallsDataMigrationRunner(migrator, properties.getData().getLease(),
					properties.getData().getPollInterval());
		}

		@Bean
		@ConditionalOnMissingBean
		SmallsSchemaManagementProvider smallsSchemaManagementProvider(
				ObjectProvider<MigrationDataSource> migrationDataSource) {
			return new SmallsSchemaManagementProvider(migrationDataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "smalls.enabled", havingValue = false, matchIfMissing = true)
	static class PendingMigrationsNoticeConfiguration {

		// Not with tenants: each has its own pending migrations, which the default schema's
		// status would misstate.
		@Bean
		@Conditional(TenantsConfigured.NoTenants.class)
		PendingMigrationsNotice smallsPendingMigrationsNotice(ObjectProvider<SmallsMigrator> migrator) {
			return new PendingMigrationsNotice(migrator);
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
