package dev.smalls.autoconfigure;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.smalls.SmallsCallback;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.actuate.health.LastRunOutcome;
import dev.smalls.actuate.health.SmallsHealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

class SmallsHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class,
				SmallsHealthContributorAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void runShouldCreateTheIndicatorAndRegisterItsRunRecorderAsACallback() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SmallsHealthIndicator.class);
			assertThat(context.getBeansOfType(SmallsCallback.class).values())
				.containsExactly(context.getBean(LastRunOutcome.class));
		});
	}

	@Test
	void runWhenDisabledShouldNotCreateTheIndicator() {
		this.contextRunner.withPropertyValues("management.health.smalls.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SmallsHealthIndicator.class));
	}

	@Test
	void runWithoutBootHealthShouldNotCreateTheIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SmallsHealthIndicator.class));
	}

	@Test
	void inconsistentMigrationsInTheCodeAreDown() {
		this.contextRunner.withUserConfiguration(DuplicateSequences.class).run((context) -> {
			Health health = context.getBean(SmallsHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("error").toString()).contains("both have sequence 0001");
		});
	}

	@Test
	void withoutMigrateOnStartUpPendingMigrationsKeepItUp() {
		this.contextRunner.withUserConfiguration(OneMigration.class).run((context) -> {
			Health health = context.getBean(SmallsHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("pending", 1);
		});
	}

	@Test
	void withAMigratorOfTheApplicationsOwnItsOwnLockIsProbed() {
		this.contextRunner.withUserConfiguration(OwnMigrator.class).run((context) -> {
			Health health = context.getBean(SmallsHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("locked", false).containsEntry("table", "own_history");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OneMigration {

		@Bean
		SmallsMigration one() {
			return SqlMigration.table(1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateSequences {

		@Bean
		SmallsMigration one() {
			return SqlMigration.table(1);
		}

		@Bean
		SmallsMigration alsoOne() {
			return SqlMigration.sql(1, "also_one", "CREATE TABLE also (id INT)", "DROP TABLE also");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMigrator {

		@Bean
		SmallsMigrator ownMigrator(DataSource dataSource) {
			return SmallsMigrator.builder(dataSource).table("own_history").build();
		}

	}

}
