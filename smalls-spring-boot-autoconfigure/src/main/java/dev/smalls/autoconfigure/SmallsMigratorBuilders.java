package dev.smalls.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;

import dev.smalls.SmallsCallback;
import dev.smalls.SmallsInitializer;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsSeeder;
import dev.smalls.SqlFileMigrations;
import dev.smalls.SqlScript;
import dev.smalls.dialect.SmallsDialect;

/**
 * Builders of migrators configured from the {@code smalls.*} properties and the
 * application's migration, init, seed, callback, dialect and customizer beans: one for the
 * application's data source, one per tenant.
 */
final class SmallsMigratorBuilders {

	private final SmallsProperties properties;

	private final ObjectProvider<SmallsMigration> migrations;

	private final ObjectProvider<SmallsInitializer> initializers;

	private final ObjectProvider<SmallsSeeder> seeders;

	private final ObjectProvider<SmallsCallback> callbacks;

	private final ObjectProvider<SmallsDialect> dialect;

	private final ObjectProvider<SmallsMigratorCustomizer> customizers;

	private final ResourceLoader resourceLoader;

	private final Environment environment;

	private final ObjectProvider<MigrationSets> sets;

	private final ObjectProvider<InstanceCallbacks> instanceCallbacks;

	private final ObjectProvider<PlatformTransactionManager> transactionManagers;

	SmallsMigratorBuilders(SmallsProperties properties, ObjectProvider<SmallsMigration> migrations,
			ObjectProvider<SmallsInitializer> initializers, ObjectProvider<SmallsSeeder> seeders,
			ObjectProvider<SmallsCallback> callbacks, ObjectProvider<SmallsDialect> dialect,
			ObjectProvider<SmallsMigratorCustomizer> customizers, ResourceLoader resourceLoader,
			Environment environment, ObjectProvider<MigrationSets> sets,
			ObjectProvider<InstanceCallbacks> instanceCallbacks,
			ObjectProvider<PlatformTransactionManager> transactionManagers) {
		this.properties = properties;
		this.migrations = migrations;
		this.initializers = initializers;
		this.seeders = seeders;
		this.callbacks = callbacks;
		this.dialect = dialect;
		this.customizers = customizers;
		this.resourceLoader = resourceLoader;
		this.environment = environment;
		this.sets = sets;
		this.instanceCallbacks = instanceCallbacks;
		this.transactionManagers = transactionManagers;
	}

	/**
	 * A migrator for a data source, as the properties and beans configure it.
	 * @param dataSource the database to migrate
	 * @param schema the schema to run in (a tenant's), or {@code null}
	 * @return the migrator
	 */
	SmallsMigrator build(DataSource dataSource, @Nullable String schema) {
		// The migrator runs its migrations on a template of its own: the application's
		// JdbcTemplate waits for the migrations, so it cannot be used to run them.
		// With smalls.instances, the migrations no instance claims.
		MigrationSets sets = this.sets.getIfAvailable();
		SmallsMigrator.Builder builder = SmallsMigrator.builder(dataSource)
			// Not orderedStream(): the sequence orders migrations, and sorting thousands of beans
			// by @Order would only slow the start-up down.
			.migrations(withSqlFiles((sets != null) ? sets.defaultSet() : this.migrations.stream().toList(),
					this.properties.getSql().getLocations(), this.properties.getSql().getPlaceholders()))
			.initializers(this.initializers.orderedStream().toList())
			.seeders(this.seeders.orderedStream().toList())
			.initScripts(scripts(this.properties.getInit().getLocations(), SmallsProperties.Init.DEFAULT_LOCATIONS))
			.seedScripts(scripts(this.properties.getSeed().getLocations(), SmallsProperties.Seed.DEFAULT_LOCATIONS))
			.table(this.properties.getTable())
			.outOfOrder(this.properties.isOutOfOrder())
			.editedMigrations(this.properties.getEditedMigrations())
			.lockTimeout(this.properties.getLockTimeout())
			.lockStrategy(this.properties.getLock())
			.lockLease(this.properties.getLockLease())
			.callbacks(this.callbacks.orderedStream().toList());
		shared(builder, this.properties.getMigrationTimeout());
		if (schema != null) {
			builder.schema(schema);
		}
		else {
			// Where the application's Flyway or Liquibase kept its history, for the guard
			// before a first migrate; a tenant's is in its own schema.
			builder.foreignHistories(ForeignHistoryLocations.flyway(this.environment),
					ForeignHistoryLocations.liquibase(this.environment));
			// Asked when data migrations run, after the context is ready: JPA is made by then.
			builder.dataTransactionManager(() -> DataTransactionManagers.joining(this.transactionManagers, dataSource));
		}
		this.dialect.ifAvailable(builder::dialect);
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * A set's migration beans and its SQL files, a missing default location skipped as a
	 * missing default script is.
	 */
	private List<SmallsMigration> withSqlFiles(List<SmallsMigration> beans, List<String> sqlLocations,
			Map<String, String> placeholders) {
		List<SmallsMigration> migrations = new ArrayList<>(beans);
		List<String> locations = sqlLocations.stream()
			.filter((location) -> !SmallsProperties.Sql.DEFAULT_LOCATIONS.contains(location)
					|| SqlFileMigrations.exists(location, this.resourceLoader))
			.toList();
		if (!locations.isEmpty()) {
			migrations.addAll(SqlFileMigrations.load(locations, placeholders, this.resourceLoader));
		}
		return migrations;
	}

	/**
	 * A migrator for one of {@code smalls.instances}: the top-level settings, those the
	 * instance sets instead, and the instance's migrations. Init and seed (scripts and
	 * beans), the dialect bean and the customizers are the default set's alone: they are
	 * written for its database.
	 * @param name the instance's name
	 * @param instance its properties
	 * @param dataSource its database
	 * @return the migrator
	 */
	SmallsMigrator buildInstance(String name, InstanceProperties instance, DataSource dataSource) {
		SmallsMigrator.Builder builder = SmallsMigrator.builder(dataSource)
			.migrations(withSqlFiles(this.sets.getObject().instance(name), instance.getSqlLocations(),
					instance.getSqlPlaceholders()))
			.table(or(instance.getTable(), this.properties.getTable()))
			.outOfOrder(or(instance.getOutOfOrder(), this.properties.isOutOfOrder()))
			.editedMigrations(or(instance.getEditedMigrations(), this.properties.getEditedMigrations()))
			.lockTimeout(or(instance.getLockTimeout(), this.properties.getLockTimeout()))
			.lockStrategy(or(instance.getLock(), this.properties.getLock()))
			.lockLease(or(instance.getLockLease(), this.properties.getLockLease()))
			.callbacks(instanceCallbacks(name));
		shared(builder, or(instance.getMigrationTimeout(), this.properties.getMigrationTimeout()));
		return builder.build();
	}

	/**
	 * The settings every set takes from the top-level properties alike: drift, lint, contract
	 * steps, safe rewrites, DDL timeouts, the seed guard and the migration timeout given.
	 */
	private void shared(SmallsMigrator.Builder builder, @Nullable Duration migrationTimeout) {
		builder.recordSchema(this.properties.getDrift().isRecord())
			.safeRewrites(this.properties.getSchema().isSafeRewrites())
			.driftIgnoredTables(this.properties.getDrift().getIgnoredTables())
			.lintMode(this.properties.getLint().getMode())
			.lintLargeTableRows(this.properties.getLint().getLargeTableRows())
			.lintMapped(this.properties.getLint().getMapped())
			.contractWait(this.properties.getContract().getWait())
			.instanceTimeout(this.properties.getContract().getInstanceTimeout())
			.seedGuard(new ProfileSeedGuard(this.environment, this.properties.getSeed().getForbiddenProfiles()));
		if (migrationTimeout != null) {
			builder.migrationTimeout(migrationTimeout);
		}
		SmallsProperties.Ddl ddl = this.properties.getDdl();
		if (ddl.getLockTimeout() != null) {
			builder.ddlLockTimeout(ddl.getLockTimeout());
		}
		if (ddl.getStatementTimeout() != null) {
			builder.ddlStatementTimeout(ddl.getStatementTimeout());
		}
		builder.ddlLockRetries(ddl.getLockRetries()).ddlRetryBackoff(ddl.getRetryBackoff());
	}

	/**
	 * The callback beans, but each kept per set replaced by the instance's own.
	 */
	private List<SmallsCallback> instanceCallbacks(String name) {
		List<InstanceCallbacks> perInstance = this.instanceCallbacks.orderedStream().toList();
		List<SmallsCallback> callbacks = new ArrayList<>(this.callbacks.orderedStream()
			.filter((callback) -> perInstance.stream().noneMatch((made) -> made.type().isInstance(callback)))
			.toList());
		perInstance.forEach((made) -> callbacks.add(made.forInstance(name)));
		AnnotationAwareOrderComparator.sort(callbacks);
		return callbacks;
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private List<SqlScript> scripts(List<String> locations, List<String> defaults) {
		return locations.stream()
			.map((location) -> new SqlScript(this.resourceLoader.getResource(location), location,
					!defaults.contains(location)))
			.toList();
	}

}
