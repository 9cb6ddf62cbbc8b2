package dev.smalls.autoconfigure;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

class SmallsPropertiesTests {

	@Test
	void defaultsAreSafe() {
		SmallsProperties properties = new SmallsProperties();
		assertThat(properties.isEnabled()).isFalse();
		assertThat(properties.getTable()).isEqualTo("smalls_history");
		assertThat(properties.isOutOfOrder()).isFalse();
		assertThat(properties.getEditedMigrations()).isEqualTo(dev.smalls.EditedMigrations.FAIL);
		assertThat(properties.getDrift().isRecord()).isFalse();
		assertThat(properties.getDrift().isHealth()).isFalse();
		assertThat(properties.getSchema().isSafeRewrites()).isFalse();
		assertThat(properties.getLockTimeout()).isEqualTo(Duration.ofMinutes(1));
		assertThat(properties.getInit().getLocations()).containsExactly("classpath:smalls/init.sql");
		assertThat(properties.getSeed().getLocations()).containsExactly("classpath:smalls/seed.sql");
		assertThat(properties.getSeed().getForbiddenProfiles()).containsExactly("prod");
		assertThat(properties.getSql().getLocations()).containsExactly("classpath:db/migration");
		assertThat(properties.getSql().getPlaceholders()).isEmpty();
		assertThat(properties.getTarget()).isNull();
		assertThat(properties.getUrl()).isNull();
		assertThat(properties.getUser()).isNull();
		assertThat(properties.getPassword()).isNull();
		assertThat(properties.getDriverClassName()).isNull();
		assertThat(properties.getGenerate().getIgnoredTables()).isEmpty();
		assertThat(properties.getInstances()).isEmpty();
	}

	@Test
	void anInstanceLeavesEverySettingUnsetSoThatTheTopLevelOneApplies() {
		InstanceProperties instance = new InstanceProperties();
		assertThat(instance).hasAllNullFieldsOrPropertiesExcept("sqlLocations", "sqlPlaceholders");
		assertThat(instance.getSqlLocations()).isEmpty();
		assertThat(instance.getSqlPlaceholders()).isEmpty();
		SmallsProperties properties = new SmallsProperties();
		assertThat(instance.migratesOnStartup(properties)).isFalse();
		properties.setEnabled(true);
		assertThat(instance.migratesOnStartup(properties)).isTrue();
		instance.setEnabled(false);
		assertThat(instance.migratesOnStartup(properties)).isFalse();
	}

	@Test
	void everyInstancePropertyBindsFromItsDocumentedName() {
		Map<String, String> source = new HashMap<>();
		String prefix = "smalls.instances.billing.";
		source.put(prefix + "enabled", "false");
		source.put(prefix + "datasource", "billingDataSource");
		source.put(prefix + "url", "jdbc:postgresql://db/billing");
		source.put(prefix + "username", "owner");
		source.put(prefix + "password", "secret");
		source.put(prefix + "driver-class-name", "org.postgresql.Driver");
		source.put(prefix + "migrations-package", "com.example.billing");
		source.put(prefix + "sql-locations", "classpath:billing/sql,filesystem:/opt/billing");
		source.put(prefix + "sql-placeholders.schema", "billing");
		source.put(prefix + "table", "billing_history");
		source.put(prefix + "lock", "lease");
		source.put(prefix + "lock-timeout", "5s");
		source.put(prefix + "lock-lease", "45s");
		source.put(prefix + "out-of-order", "true");
		source.put(prefix + "edited-migrations", "warn");
		source.put(prefix + "migration-timeout", "10m");
		source.put(prefix + "target", "0003");
		source.put("smalls.instances.orders.datasource", "ordersDataSource");
		// Every key an instance takes is bound here: one added to InstanceProperties but not here fails.
		assertThat(source.keySet().stream().filter((key) -> key.startsWith(prefix))
			.map((key) -> key.substring(prefix.length()).replaceFirst("\\..*", "")))
			.containsExactlyInAnyOrderElementsOf(InstanceKeys.KEYS);
		assertThat(java.util.Arrays.stream(InstanceProperties.class.getDeclaredFields())
			.filter((field) -> !java.lang.reflect.Modifier.isStatic(field.getModifiers()))
			.map((field) -> field.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT)))
			.containsExactlyInAnyOrderElementsOf(InstanceKeys.KEYS);
		SmallsProperties properties = new Binder(new MapConfigurationPropertySource(source))
			.bind("smalls", SmallsProperties.class)
			.get();
		assertThat(properties.getInstances()).containsOnlyKeys("billing", "orders");
		InstanceProperties billing = properties.getInstances().get("billing");
		assertThat(billing.getEnabled()).isFalse();
		assertThat(billing.getDatasource()).isEqualTo("billingDataSource");
		assertThat(billing.getUrl()).isEqualTo("jdbc:postgresql://db/billing");
		assertThat(billing.getUsername()).isEqualTo("owner");
		assertThat(billing.getPassword()).isEqualTo("secret");
		assertThat(billing.getDriverClassName()).isEqualTo("org.postgresql.Driver");
		assertThat(billing.getMigrationsPackage()).isEqualTo("com.example.billing");
		assertThat(billing.getSqlLocations()).containsExactly("classpath:billing/sql", "filesystem:/opt/billing");
		assertThat(billing.getSqlPlaceholders()).containsExactly(Map.entry("schema", "billing"));
		assertThat(billing.getTable()).isEqualTo("billing_history");
		assertThat(billing.getLock()).isEqualTo(dev.smalls.dialect.LockStrategy.LEASE);
		assertThat(billing.getLockTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(billing.getLockLease()).isEqualTo(Duration.ofSeconds(45));
		assertThat(billing.getOutOfOrder()).isTrue();
		assertThat(billing.getEditedMigrations()).isEqualTo(dev.smalls.EditedMigrations.WARN);
		assertThat(billing.getMigrationTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(billing.getTarget()).isEqualTo(3);
		assertThat(properties.getInstances().get("orders").getDatasource()).isEqualTo("ordersDataSource");
	}

	@Test
	void everyPropertyBindsFromItsDocumentedName() {
		Map<String, String> source = new HashMap<>();
		source.put("smalls.enabled", "true");
		source.put("smalls.table", "app.history");
		source.put("smalls.out-of-order", "true");
		source.put("smalls.lock-timeout", "5s");
		source.put("smalls.init.locations", "classpath:a.sql,file:b.sql");
		source.put("smalls.seed.locations", "classpath:s.sql");
		source.put("smalls.seed.forbidden-profiles", "prod,staging");
		source.put("smalls.sql.locations", "classpath:db/migration,filesystem:/opt/sql");
		source.put("smalls.sql.placeholders.owner", "app");
		source.put("smalls.sql.placeholders[flyway:defaultSchema]", "public");
		source.put("smalls.create.directory", "src/main/java/com/example/db");
		source.put("smalls.create.package", "com.example.db");
		source.put("smalls.target", "0007");
		source.put("smalls.url", "jdbc:postgresql://db/app");
		source.put("smalls.user", "owner");
		source.put("smalls.password", "secret");
		source.put("smalls.driver-class-name", "org.postgresql.Driver");
		source.put("smalls.generate.ignored-tables", "app_settings,audit_log");
		source.put("smalls.lock", "transaction");
		source.put("smalls.lock-lease", "45s");
		source.put("smalls.migration-timeout", "10m");
		source.put("smalls.tenants.schemas", "acme,globex");
		source.put("smalls.tenants.parallelism", "4");
		source.put("smalls.tenants.stop-on-failure", "true");
		source.put("smalls.edited-migrations", "warn");
		source.put("smalls.drift.record", "true");
		source.put("smalls.drift.ignored-tables", "app_settings");
		source.put("smalls.drift.health", "true");
		source.put("smalls.lint.mode", "fail");
		source.put("smalls.lint.large-table-rows", "100000");
		source.put("smalls.lint.mapped", "legacy_orders,legacy_orders.code");
		source.put("smalls.schema.safe-rewrites", "true");
		source.put("smalls.ddl.lock-timeout", "3s");
		source.put("smalls.ddl.statement-timeout", "1m");
		source.put("smalls.ddl.lock-retries", "5");
		source.put("smalls.ddl.retry-backoff", "250ms");
		source.put("smalls.data.enabled", "false");
		source.put("smalls.data.lease", "2m");
		source.put("smalls.data.poll-interval", "1s");
		source.put("smalls.contract.announce", "false");
		source.put("smalls.contract.release", "1.4.0");
		source.put("smalls.contract.wait", "5m");
		source.put("smalls.contract.instance-timeout", "30s");
		SmallsProperties properties = new Binder(new MapConfigurationPropertySource(source)).bind("smalls", SmallsProperties.class)
			.get();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getData().isEnabled()).isFalse();
		assertThat(properties.getData().getLease()).isEqualTo(Duration.ofMinutes(2));
		assertThat(properties.getData().getPollInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.getContract().isAnnounce()).isFalse();
		assertThat(properties.getContract().getRelease()).isEqualTo("1.4.0");
		assertThat(properties.getContract().getWait()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.getContract().getInstanceTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.getLock()).isEqualTo(dev.smalls.dialect.LockStrategy.TRANSACTION);
		assertThat(properties.getLockLease()).isEqualTo(java.time.Duration.ofSeconds(45));
		assertThat(properties.getMigrationTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(properties.getTenants().getSchemas()).containsExactly("acme", "globex");
		assertThat(properties.getTenants().getParallelism()).isEqualTo(4);
		assertThat(properties.getTenants().isStopOnFailure()).isTrue();
		assertThat(properties.getTable()).isEqualTo("app.history");
		assertThat(properties.getEditedMigrations()).isEqualTo(dev.smalls.EditedMigrations.WARN);
		assertThat(properties.getDrift().isRecord()).isTrue();
		assertThat(properties.getDrift().getIgnoredTables()).containsExactly("app_settings");
		assertThat(properties.getDrift().isHealth()).isTrue();
		assertThat(properties.getLint().getMode()).isEqualTo(dev.smalls.lint.LintMode.FAIL);
		assertThat(properties.getLint().getLargeTableRows()).isEqualTo(100_000L);
		assertThat(properties.getLint().getMapped()).containsExactly("legacy_orders", "legacy_orders.code");
		assertThat(properties.getSchema().isSafeRewrites()).isTrue();
		assertThat(properties.getDdl().getLockTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.getDdl().getStatementTimeout()).isEqualTo(Duration.ofMinutes(1));
		assertThat(properties.getDdl().getLockRetries()).isEqualTo(5);
		assertThat(properties.getDdl().getRetryBackoff()).isEqualTo(Duration.ofMillis(250));
		assertThat(properties.isOutOfOrder()).isTrue();
		assertThat(properties.getLockTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.getInit().getLocations()).containsExactly("classpath:a.sql", "file:b.sql");
		assertThat(properties.getSeed().getLocations()).containsExactly("classpath:s.sql");
		assertThat(properties.getSeed().getForbiddenProfiles()).containsExactly("prod", "staging");
		assertThat(properties.getSql().getLocations()).containsExactly("classpath:db/migration", "filesystem:/opt/sql");
		assertThat(properties.getSql().getPlaceholders()).containsOnly(Map.entry("owner", "app"),
				Map.entry("flyway:defaultSchema", "public"));
		assertThat(properties.getCreate().getDirectory()).isEqualTo("src/main/java/com/example/db");
		assertThat(properties.getCreate().getPackage()).isEqualTo("com.example.db");
		assertThat(properties.getTarget()).isEqualTo(7);
		assertThat(properties.getUrl()).isEqualTo("jdbc:postgresql://db/app");
		assertThat(properties.getUser()).isEqualTo("owner");
		assertThat(properties.getPassword()).isEqualTo("secret");
		assertThat(properties.getDriverClassName()).isEqualTo("org.postgresql.Driver");
		assertThat(properties.getGenerate().getIgnoredTables()).containsExactly("app_settings", "audit_log");
	}

	@Test
	void generatedMetadataDescribesEveryPropertySoIdesCanCompleteThem() throws Exception {
		JsonNode metadata;
		// The metadata generated with SmallsProperties, not the first on the classpath: the test
		// classes come first, with metadata of their own for a test application's
		// @ConfigurationProperties bean (InstancesApplication's billing DataSource).
		URI classes = SmallsProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI();
		try (InputStream in = classes.resolve("META-INF/spring-configuration-metadata.json").toURL().openStream()) {
			assertThat(in).as("generated configuration metadata").isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		Map<String, String> descriptions = new HashMap<>();
		metadata.get("properties")
			.valueStream()
			.filter((property) -> property.get("name").asString().startsWith("smalls."))
			.forEach((property) -> descriptions.put(property.get("name").asString(),
					property.has("description") ? property.get("description").asString() : ""));
		assertThat(descriptions).containsOnlyKeys("smalls.enabled", "smalls.table", "smalls.out-of-order",
				"smalls.lock-timeout", "smalls.init.locations", "smalls.seed.locations",
				"smalls.seed.forbidden-profiles", "smalls.sql.locations", "smalls.sql.placeholders",
				"smalls.create.directory", "smalls.create.package", "smalls.target",
				"smalls.url", "smalls.user", "smalls.password", "smalls.driver-class-name",
				"smalls.generate.ignored-tables", "smalls.lock", "smalls.lock-lease", "smalls.migration-timeout",
				"smalls.tenants.schemas",
				"smalls.tenants.parallelism", "smalls.tenants.stop-on-failure", "smalls.one-shot.enabled",
				"smalls.edited-migrations", "smalls.drift.record", "smalls.drift.ignored-tables", "smalls.drift.health",
				"smalls.lint.mode", "smalls.lint.large-table-rows", "smalls.lint.mapped",
				"smalls.schema.safe-rewrites",
				"smalls.ddl.lock-timeout", "smalls.ddl.statement-timeout", "smalls.ddl.lock-retries",
				"smalls.ddl.retry-backoff", "smalls.instances", "smalls.data.enabled", "smalls.data.lease",
				"smalls.data.poll-interval", "smalls.contract.announce", "smalls.contract.release",
				"smalls.contract.wait", "smalls.contract.instance-timeout");
		assertThat(descriptions.values()).allSatisfy((description) -> assertThat(description).isNotBlank());
		JsonNode locations = metadata.get("properties")
			.valueStream()
			.filter((property) -> property.get("name").asString().equals("smalls.init.locations"))
			.findFirst()
			.orElseThrow();
		assertThat(locations.get("defaultValue").get(0).asString()).isEqualTo("classpath:smalls/init.sql");
	}

	/**
	 * What a property leaves unset is what the builder does without it (as Spring Boot checks
	 * its Flyway properties against Flyway's configuration): a property's default is the
	 * engine's, and changing one without the other fails here.
	 */
	@Test
	void defaultValuesAreConsistentWithTheMigratorBuilders() {
		SmallsProperties properties = new SmallsProperties();
		SmallsMigrator.Builder builder = SmallsMigrator.builder(new org.springframework.jdbc.datasource.SimpleDriverDataSource());
		Map<String, Object> propertyDefaults = new java.util.LinkedHashMap<>();
		propertyDefaults.put("table", properties.getTable());
		propertyDefaults.put("outOfOrder", properties.isOutOfOrder());
		propertyDefaults.put("lockTimeout", properties.getLockTimeout());
		propertyDefaults.put("lockStrategy", properties.getLock());
		propertyDefaults.put("lockLease", properties.getLockLease());
		propertyDefaults.put("migrationTimeout", properties.getMigrationTimeout());
		propertyDefaults.put("editedMigrations", properties.getEditedMigrations());
		propertyDefaults.put("recordSchema", properties.getDrift().isRecord());
		propertyDefaults.put("driftIgnoredTables", properties.getDrift().getIgnoredTables());
		propertyDefaults.put("lintMode", properties.getLint().getMode());
		propertyDefaults.put("lintLargeTableRows", properties.getLint().getLargeTableRows());
		propertyDefaults.put("safeRewrites", properties.getSchema().isSafeRewrites());
		propertyDefaults.put("ddlLockTimeout", properties.getDdl().getLockTimeout());
		propertyDefaults.put("ddlStatementTimeout", properties.getDdl().getStatementTimeout());
		propertyDefaults.put("ddlLockRetries", properties.getDdl().getLockRetries());
		propertyDefaults.put("ddlRetryBackoff", properties.getDdl().getRetryBackoff());
		propertyDefaults.put("sqlPlaceholders", properties.getSql().getPlaceholders());
		propertyDefaults.put("contractWait", properties.getContract().getWait());
		propertyDefaults.put("instanceTimeout", properties.getContract().getInstanceTimeout());
		propertyDefaults.forEach((field, value) -> assertThat(ReflectionTestUtils.getField(builder, field))
			.as("the builder's default %s", field)
			.isEqualTo(value));
		// The mapped names are read when something is linted: none by default, as none is declared.
		assertThat(((java.util.function.Supplier<?>) ReflectionTestUtils.getField(builder, "lintMapped")).get())
			.isEqualTo(java.util.Set.copyOf(properties.getLint().getMapped()));
		// Every setting of the builder is either one of these or set from the application's
		// beans and context (the data source, the migrations, the callbacks, the application's
		// JPA transaction manager for data migrations' batches, ...). The SQL files
		// reach the builder as migrations: the auto-configuration reads smalls.sql.locations
		// (default classpath:db/migration, as Flyway's, skipped when missing) with the
		// application's resource loader, where the builder reads none unless told.
		assertThat(ReflectionTestUtils.getField(builder, "sqlLocations")).isEqualTo(List.of());
		// Where Flyway's and Liquibase's histories are comes from spring.flyway.* and
		// spring.liquibase.* (ForeignHistoryLocations), whose defaults are the builder's.
		assertThat(ReflectionTestUtils.getField(builder, "flywayHistory"))
			.isEqualTo(ForeignHistoryLocations.flyway(new org.springframework.mock.env.MockEnvironment()));
		assertThat(ReflectionTestUtils.getField(builder, "liquibaseHistory"))
			.isEqualTo(ForeignHistoryLocations.liquibase(new org.springframework.mock.env.MockEnvironment()));
		List<String> fromTheContext = List.of("dataSource", "migrations", "initializers", "seeders", "initScripts",
				"seedScripts", "seedGuard", "dialect", "appliedBy", "callbacks", "schema", "lintMapped",
				"sqlLocations", "flywayHistory", "liquibaseHistory", "dataTransactionManager");
		assertThat(java.util.Arrays.stream(SmallsMigrator.Builder.class.getDeclaredFields())
			.filter((field) -> !java.lang.reflect.Modifier.isStatic(field.getModifiers()))
			.map(java.lang.reflect.Field::getName))
			.containsExactlyInAnyOrderElementsOf(
					java.util.stream.Stream.concat(propertyDefaults.keySet().stream(), fromTheContext.stream()).toList());
	}

}
