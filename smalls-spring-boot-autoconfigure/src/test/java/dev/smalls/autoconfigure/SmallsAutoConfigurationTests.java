package dev.smalls.autoconfigure;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.Driver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.smalls.MigrationExecution;
import dev.smalls.MigrationState;
import dev.smalls.SmallsCallback;
import dev.smalls.SmallsException;
import dev.smalls.SmallsInitializer;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsSeeder;
import dev.smalls.SmallsValidationException;
import dev.smalls.StepsResult;
import dev.smalls.autoconfigure.jpa.JpaTestConfiguration;
import dev.smalls.dialect.H2Dialect;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.lock.LockType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SmallsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				SmallsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void runWithoutDataSourceShouldNotCreateMigrator() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SmallsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SmallsMigrator.class));
	}

	@Test
	void runWithDataSourceShouldCreateMigratorThatDoesNotMigrateByDefault() {
		this.contextRunner.withUserConfiguration(UsersMigration.class).run((context) -> {
			assertThat(context).hasSingleBean(SmallsMigrator.class).doesNotHaveBean(SmallsMigrationInitializer.class);
			assertThat(context.getBean(SmallsMigrator.class).status().migrations())
				.extracting((migration) -> migration.state())
				.containsExactly(MigrationState.PENDING);
		});
	}

	@Test
	void runWhenEnabledShouldApplyPendingMigrationsOnStartup() {
		this.contextRunner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("smalls.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(SmallsMigrationInitializer.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users", Integer.class)).isZero();
				assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1);
			});
	}

	@Test
	void runWhenEnabledShouldMigrateBeforeJdbcTemplateUsersStart() {
		this.contextRunner.withUserConfiguration(UsersMigration.class, JdbcTemplateUser.class)
			.withPropertyValues("smalls.enabled=true")
			.run((context) -> assertThat(context.getBean(JdbcTemplateUser.class).usersAtStartup).isZero());
	}

	@Test
	void runWhenEnabledShouldMigrateBeforeBeansThatDependOnDatabaseInitialization() {
		this.contextRunner.withUserConfiguration(UsersMigration.class, DependsOnInitializationUser.class)
			.withPropertyValues("smalls.enabled=true")
			.run((context) -> assertThat(context.getBean("rawUser", RawDataSourceUser.class).usersAtStartup).isZero());
	}

	@Test
	void runWhenEnabledShouldMigrateBeforeJpaValidatesTheSchema() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
					TransactionAutoConfiguration.class))
			.withUserConfiguration(JpaTestConfiguration.class, NotesMigration.class)
			.withPropertyValues("smalls.enabled=true", "spring.jpa.hibernate.ddl-auto=validate")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1);
			});
	}

	@Test
	void runWhenDisabledShouldLeaveJpaValidationToFailOnTheMissingTable() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
					TransactionAutoConfiguration.class))
			.withUserConfiguration(JpaTestConfiguration.class, NotesMigration.class)
			.withPropertyValues("spring.jpa.hibernate.ddl-auto=validate")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void runWithAMigrationTimeoutShouldStopAMigrationThatRunsPastItAndTheApplication() {
		this.contextRunner.withUserConfiguration(EndlessMigration.class)
			.withPropertyValues("smalls.enabled=true", "smalls.migration-timeout=1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				SmallsMigrationException smalls = findCause(context.getStartupFailure(), SmallsMigrationException.class);
				assertThat(smalls.getMessage()).contains("Migration 0001_endless failed: it ran longer than the "
						+ "migration timeout of 1000 ms");
			});
	}

	@Test
	void runWithDdlPropertiesShouldGiveTheTimeoutsAndRetriesToTheMigrator() {
		this.contextRunner
			.withPropertyValues("smalls.ddl.lock-timeout=3s", "smalls.ddl.statement-timeout=1m",
					"smalls.ddl.lock-retries=4", "smalls.ddl.retry-backoff=250ms")
			.run((context) -> {
				Object engine = org.springframework.test.util.ReflectionTestUtils
					.getField(context.getBean(SmallsMigrator.class), "engine");
				dev.smalls.internal.Engine.Settings settings = (dev.smalls.internal.Engine.Settings) org.springframework.test.util.ReflectionTestUtils
					.getField(engine, "settings");
				assertThat(settings.ddlLockTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
				assertThat(settings.ddlStatementTimeout()).isEqualTo(java.time.Duration.ofMinutes(1));
				assertThat(settings.ddlLockRetries()).isEqualTo(4);
				assertThat(settings.ddlRetryBackoff()).isEqualTo(java.time.Duration.ofMillis(250));
			});
	}

	@Test
	void runWhenAMigrationFailsOnStartupShouldStopWithAMessageNamingItAndTheDatabaseError() {
		this.contextRunner.withUserConfiguration(BrokenMigration.class)
			.withPropertyValues("smalls.enabled=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).rootCause().hasMessageContaining("NO_SUCH_TABLE");
				SmallsMigrationException smalls = findCause(failure, SmallsMigrationException.class);
				assertThat(smalls.getMessage()).contains("Migration 0001_broken failed:").containsIgnoringCase("no_such_table");
				FailureAnalysis analysis = new SmallsFailureAnalyzer(new DefaultListableBeanFactory(),
						new StandardEnvironment())
					.analyze(failure);
				assertThat(analysis.getDescription()).contains("0001_broken");
				// An INSERT that fails commits nothing, even on H2: smalls found its mark uncommitted.
				assertThat(analysis.getDescription()).contains("nothing of it is left");
				assertThat(analysis.getAction()).contains("Fix 0001_broken").contains("start the application again");
			});
	}

	@Test
	void runWithUserDefinedMigratorShouldBackOff() {
		this.contextRunner.withUserConfiguration(CustomMigrator.class)
			.run((context) -> assertThat(context).getBean(SmallsMigrator.class)
				.isSameAs(context.getBean(CustomMigrator.class).migrator));
	}

	@Test
	void runWithSmallsDataSourceShouldMigrateThatDataSource() {
		this.contextRunner.withUserConfiguration(TwoDataSources.class, UsersMigration.class)
			.withPropertyValues("smalls.enabled=true")
			.run((context) -> {
				JdbcTemplate smallsDb = new JdbcTemplate(context.getBean("smallsDataSource", DataSource.class));
				JdbcTemplate mainDb = new JdbcTemplate(context.getBean("mainDataSource", DataSource.class));
				assertThat(smallsDb.queryForObject("SELECT COUNT(*) FROM users", Integer.class)).isZero();
				assertThat(mainDb.queryForObject(
						"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'USERS'", Integer.class))
					.isZero();
			});
	}

	@Test
	void runWithCustomPropertiesShouldApplyThem() {
		this.contextRunner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("smalls.enabled=true", "smalls.table=schema_log")
			.run((context) -> {
				assertThat(context.getBean(SmallsMigrator.class).getTable()).isEqualTo("schema_log");
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT COUNT(*) FROM schema_log", Integer.class)).isEqualTo(1);
			});
	}

	@Test
	void runWithHostileTableNameShouldFailToStartWithAClearMessage() {
		this.contextRunner.withPropertyValues("smalls.table=history; DROP TABLE users")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("is not a usable history table name"));
	}

	@Test
	void initShouldRunTheConfiguredScriptThenInitializerBeansInOrder() {
		this.contextRunner.withUserConfiguration(Initializers.class)
			.withPropertyValues("smalls.init.locations=classpath:smalls-test/init.sql")
			.run((context) -> {
				StepsResult result = context.getBean(SmallsMigrator.class).init();
				assertThat(result.steps()).extracting(StepsResult.Step::description)
					.containsExactly("classpath:smalls-test/init.sql", Initializers.First.class.getName(),
							Initializers.Second.class.getName());
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForList("SELECT name FROM settings ORDER BY id", String.class))
					.containsExactly("from-script", "first", "second");
			});
	}

	@Test
	void initWithoutScriptsShouldSkipTheMissingDefaultScript() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SmallsMigrator.class).init().steps()).isEmpty());
	}

	@Test
	void initWithAMissingConfiguredScriptShouldFailWithoutRunningAnything() {
		this.contextRunner.withUserConfiguration(Initializers.class)
			.withPropertyValues("smalls.init.locations=classpath:smalls-test/init.sql,classpath:nope/missing.sql")
			.run((context) -> {
				assertThatExceptionOfType(SmallsValidationException.class)
					.isThrownBy(() -> context.getBean(SmallsMigrator.class).init())
					.withMessageContaining("classpath:nope/missing.sql does not exist");
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'SETTINGS'",
							Integer.class))
					.isZero();
			});
	}

	@Test
	void seedShouldBeRefusedInAForbiddenProfileUnlessForced() {
		this.contextRunner.withUserConfiguration(Seeders.class)
			.withPropertyValues("spring.profiles.active=prod")
			.run((context) -> {
				SmallsMigrator migrator = context.getBean(SmallsMigrator.class);
				assertThatExceptionOfType(SmallsException.class).isThrownBy(() -> migrator.seed(false))
					.withMessageContaining("the profile 'prod' is active");
				assertThat(context.getBean(Seeders.class).runs).isZero();
				migrator.seed(true);
				assertThat(context.getBean(Seeders.class).runs).isEqualTo(1);
			});
	}

	@Test
	void seedShouldRunOutsideForbiddenProfiles() {
		this.contextRunner.withUserConfiguration(Seeders.class)
			.withPropertyValues("spring.profiles.active=dev", "smalls.seed.forbidden-profiles=prod,staging")
			.run((context) -> {
				context.getBean(SmallsMigrator.class).seed(false);
				assertThat(context.getBean(Seeders.class).runs).isEqualTo(1);
			});
	}

	@Test
	void customizerBeansAdjustTheBuilderAfterThePropertiesInOrder() {
		this.contextRunner.withUserConfiguration(UsersMigration.class, Customizers.class)
			.withPropertyValues("smalls.enabled=true", "smalls.table=from_properties")
			.run((context) -> {
				SmallsMigrator migrator = context.getBean(SmallsMigrator.class);
				assertThat(migrator.getTable()).isEqualTo("from_customizer");
				assertThat(migrator.status().migrations()).singleElement()
					.satisfies((migration) -> assertThat(migration.appliedBy()).isEqualTo("second"));
			});
	}

	@Test
	void callbackBeansAreToldOfEveryStepInTheirOrder() {
		this.contextRunner.withUserConfiguration(UsersMigration.class, Callbacks.class)
			.withPropertyValues("smalls.enabled=true")
			.run((context) -> assertThat(context.getBean(Callbacks.class).events).containsExactly(
					"first:beforeRun:[0001_create_users]", "second:beforeRun:[0001_create_users]",
					"first:afterStep:0001_create_users", "second:afterStep:0001_create_users",
					"first:afterRun", "second:afterRun"));
	}

	@Test
	void aCallbackKeepsAnAuditTrailOnTheMigratedDataSource() {
		this.contextRunner.withUserConfiguration(UsersMigration.class, AuditTrail.class)
			.withPropertyValues("smalls.enabled=true")
			.run((context) -> assertThat(context.getBean(JdbcTemplate.class)
				.queryForList("SELECT entry FROM audit_log", String.class))
				.containsExactly("MIGRATE 0001_create_users"));
	}

	@Test
	void aDialectBeanIsUsedInsteadOfTheDetectedOne() {
		this.contextRunner.withUserConfiguration(UsersMigration.class, CountingDialectConfiguration.class)
			.withPropertyValues("smalls.enabled=true")
			.run((context) -> {
				assertThat(context.getBean(CountingDialect.class).locks).isEqualTo(1);
				assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1);
			});
	}

	@Test
	void smallsUrlMigratesAnotherDatabaseThroughADataSourceThatIsNotABean() {
		String other = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		this.contextRunner.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("smalls.enabled=true", "smalls.url=" + other, "smalls.user=sa", "smalls.password=")
			.run((context) -> {
				assertThat(context).hasSingleBean(DataSource.class);
				JdbcTemplate otherDb = new JdbcTemplate(new SimpleDriverDataSource(new Driver(), other, "sa", ""));
				assertThat(otherDb.queryForObject("SELECT COUNT(*) FROM users", Integer.class)).isZero();
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' "
							+ "AND TABLE_NAME = 'USERS'", Integer.class))
					.isZero();
			});
	}

	@Test
	void smallsUrlWorksWithoutAnApplicationDataSource() {
		String other = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SmallsAutoConfiguration.class))
			.withUserConfiguration(UsersMigration.class)
			.withPropertyValues("smalls.enabled=true", "smalls.url=" + other)
			.run((context) -> assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1));
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class UsersMigration {

		@Bean
		SmallsMigration createUsers() {
			return new SmallsMigration() {

				@Override
				public int sequence() {
					return 1;
				}

				@Override
				public String name() {
					return "create_users";
				}

				@Override
				public void migrate(JdbcTemplate jdbc) {
					jdbc.execute("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(200))");
				}

				@Override
				public void rollback(JdbcTemplate jdbc) {
					jdbc.execute("DROP TABLE users");
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NotesMigration {

		@Bean
		SmallsMigration createNotes() {
			return new CreateNotes();
		}

	}

	static class CreateNotes implements SmallsMigration {

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, body VARCHAR(255))");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("DROP TABLE notes");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EndlessMigration {

		@Bean
		SmallsMigration endless() {
			return dev.smalls.SqlMigration.sql(1, "endless", "SELECT SUM(X * RAND()) FROM SYSTEM_RANGE(1, 100000000000)",
					"SELECT 1");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenMigration {

		@Bean
		SmallsMigration broken() {
			return new Broken();
		}

	}

	static class Broken implements SmallsMigration {

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("INSERT INTO no_such_table VALUES (1)");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JdbcTemplateUser {

		int usersAtStartup = -1;

		JdbcTemplateUser(JdbcTemplate jdbc) {
			this.usersAtStartup = jdbc.queryForObject("SELECT COUNT(*) FROM users", Integer.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DependsOnInitializationUser {

		@Bean
		@DependsOnDatabaseInitialization
		RawDataSourceUser rawUser(DataSource dataSource) {
			return new RawDataSourceUser(dataSource);
		}

	}

	static class RawDataSourceUser implements InitializingBean {

		private final DataSource dataSource;

		int usersAtStartup = -1;

		RawDataSourceUser(DataSource dataSource) {
			this.dataSource = dataSource;
		}

		@Override
		public void afterPropertiesSet() {
			this.usersAtStartup = new JdbcTemplate(this.dataSource).queryForObject("SELECT COUNT(*) FROM users",
					Integer.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMigrator {

		final SmallsMigrator migrator;

		CustomMigrator(DataSource dataSource) {
			this.migrator = SmallsMigrator.builder(dataSource).table("custom_history").build();
		}

		@Bean
		SmallsMigrator customSmallsMigrator() {
			return this.migrator;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		@Bean
		@Primary
		DataSource mainDataSource() {
			return DataSourceBuilder.create().url("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").build();
		}

		@Bean
		@SmallsDataSource
		DataSource smallsDataSource() {
			return DataSourceBuilder.create().url("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Initializers {

		@Bean
		@Order(2)
		Second second() {
			return new Second();
		}

		@Bean
		@Order(1)
		First first() {
			return new First();
		}

		static class First implements SmallsInitializer {

			@Override
			public void run(JdbcTemplate jdbc) {
				jdbc.update("INSERT INTO settings (id, name) VALUES (2, 'first')");
			}

		}

		static class Second implements SmallsInitializer {

			@Override
			public void run(JdbcTemplate jdbc) {
				jdbc.update("INSERT INTO settings (id, name) VALUES (3, 'second')");
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Seeders {

		int runs;

		@Bean
		SmallsSeeder countingSeeder() {
			return (jdbc) -> this.runs++;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		@Bean
		@Order(2)
		SmallsMigratorCustomizer second() {
			return (builder) -> builder.appliedBy("second");
		}

		@Bean
		@Order(1)
		SmallsMigratorCustomizer first() {
			return (builder) -> builder.appliedBy("first").table("from_customizer");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Callbacks {

		final List<String> events = new ArrayList<>();

		@Bean
		@Order(2)
		SmallsCallback secondCallback() {
			return new Recording("second");
		}

		@Bean
		@Order(1)
		SmallsCallback firstCallback() {
			return new Recording("first");
		}

		class Recording implements SmallsCallback {

			private final String name;

			Recording(String name) {
				this.name = name;
			}

			@Override
			public void beforeRun(Operation operation, List<MigrationExecution> planned) {
				Callbacks.this.events.add(this.name + ":beforeRun:"
						+ planned.stream().map(MigrationExecution::displayName).toList());
			}

			@Override
			public void afterStep(Operation operation, MigrationExecution step) {
				Callbacks.this.events.add(this.name + ":afterStep:" + step.displayName());
			}

			@Override
			public void afterRun(Operation operation, List<MigrationExecution> completed) {
				Callbacks.this.events.add(this.name + ":afterRun");
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AuditTrail {

		// The application's JdbcTemplate waits for the migrations, so a callback builds its own
		// on the migrated data source; smalls runs callbacks outside its steps' transactions, so
		// what the callback writes commits on its own.
		@Bean
		SmallsCallback auditTrail(DataSource dataSource) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			return new SmallsCallback() {

				@Override
				public void beforeRun(Operation operation, List<MigrationExecution> planned) {
					jdbc.execute("CREATE TABLE IF NOT EXISTS audit_log (entry VARCHAR(200))");
				}

				@Override
				public void afterStep(Operation operation, MigrationExecution step) {
					jdbc.update("INSERT INTO audit_log (entry) VALUES (?)", operation + " " + step.displayName());
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingDialectConfiguration {

		@Bean
		CountingDialect countingDialect() {
			return new CountingDialect();
		}

	}

	/** H2's dialect, counting the locks it takes: proof that it is the one in use. */
	static class CountingDialect extends H2Dialect {

		int locks;

		@Override
		public Map<LockStrategy, LockType> locks() {
			Map<LockStrategy, LockType> counting = new EnumMap<>(LockStrategy.class);
			super.locks().forEach((strategy, type) -> counting.put(strategy, (request) -> {
				this.locks++;
				return type.acquire(request);
			}));
			return counting;
		}

	}

}
