package dev.smalls.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.smalls.SmallsMigration;
import dev.smalls.SqlMigration;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that does not migrate on start-up still learns from its start-up log that
 * its migrations cannot run.
 */
@ExtendWith(OutputCaptureExtension.class)
class InconsistentMigrationsWarningTests {

	@Test
	void duplicateSequencesAreAWarningInTheStartUpLogWhenSmallsDoesNotMigrateOnStartUp(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
					.web(WebApplicationType.NONE)
					.logStartupInfo(false)
					.run("--spring.datasource.url=" + db.url(), "--smalls.enabled=false")) {
			assertThat(context.isRunning()).isTrue();
			assertThat(output.getAll()).containsPattern("WARN .*The migrations in the code are inconsistent, and "
					+ "smalls will refuse to run them: .* both have sequence 0001");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class })
	static class Application {

		@Bean
		SmallsMigration createUsers() {
			return SqlMigration.sql(1, "create_users", "CREATE TABLE users (id INT)", "DROP TABLE users");
		}

		@Bean
		SmallsMigration createPeople() {
			return SqlMigration.sql(1, "create_people", "CREATE TABLE people (id INT)", "DROP TABLE people");
		}

	}

}
