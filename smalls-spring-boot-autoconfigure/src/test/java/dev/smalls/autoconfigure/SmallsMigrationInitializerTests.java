package dev.smalls.autoconfigure;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.smalls.MigrationState;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What start-up does with {@code smalls.enabled=true}: the default, {@code smalls.target},
 * and a {@link SmallsMigrationStrategy} of the application's own.
 */
class SmallsMigrationInitializerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				SmallsAutoConfiguration.class))
		.withUserConfiguration(ThreeMigrations.class)
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"smalls.enabled=true");

	@Test
	void startUpAppliesEveryPendingMigrationByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SmallsMigrator.class).status().current())
			.isEqualTo(3));
	}

	@Test
	void smallsTargetStopsStartUpAtThatSequenceAndLeavesTheRestPending() {
		this.contextRunner.withPropertyValues("smalls.target=0002").run((context) -> {
			SmallsMigrator migrator = context.getBean(SmallsMigrator.class);
			assertThat(migrator.status().current()).isEqualTo(2);
			assertThat(migrator.status().inState(MigrationState.PENDING)).extracting((migration) -> migration.sequence())
				.containsExactly(3);
		});
	}

	@Test
	void smallsTargetLeavesLaterCallsToMigrateUnbounded() {
		this.contextRunner.withPropertyValues("smalls.target=1").run((context) -> {
			SmallsMigrator migrator = context.getBean(SmallsMigrator.class);
			migrator.migrate();
			assertThat(migrator.status().current()).isEqualTo(3);
		});
	}

	@Test
	void aStrategyBeanReplacesWhatStartUpDoes() {
		this.contextRunner.withUserConfiguration(MigrateToTwo.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(2);
		});
	}

	@Test
	void aStrategyThatDoesNothingLeavesTheDatabaseAloneButKeepsTheMigrator() {
		this.contextRunner.withUserConfiguration(DoNothing.class).run((context) -> {
			assertThat(context).hasSingleBean(SmallsMigrationInitializer.class);
			assertThat(context.getBean(SmallsMigrator.class).status().pendingCount()).isEqualTo(3);
		});
	}

	@Test
	void aValidatingStrategyStopsStartUpOnADatabaseBehindTheCode() {
		this.contextRunner.withUserConfiguration(ValidateOnly.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("The database is behind the code: 3 migration(s) pending"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ThreeMigrations {

		@Bean
		SmallsMigration one() {
			return SqlMigration.table(1);
		}

		@Bean
		SmallsMigration two() {
			return SqlMigration.table(2);
		}

		@Bean
		SmallsMigration three() {
			return SqlMigration.table(3);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MigrateToTwo {

		@Bean
		SmallsMigrationStrategy migrateToTwo() {
			return (migrator) -> migrator.migrate(2);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DoNothing {

		@Bean
		SmallsMigrationStrategy doNothing() {
			return (migrator) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ValidateOnly {

		@Bean
		SmallsMigrationStrategy validateOnly() {
			return (migrator) -> {
				int pending = migrator.status().pendingCount();
				if (pending > 0) {
					throw new IllegalStateException(
							"The database is behind the code: " + pending + " migration(s) pending");
				}
			};
		}

	}

}
