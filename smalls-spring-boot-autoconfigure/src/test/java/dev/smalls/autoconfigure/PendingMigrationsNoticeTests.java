package dev.smalls.autoconfigure;

import java.net.ServerSocket;

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
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that does not migrate on start-up says in its start-up log that migrations
 * are pending, and what applies them, before its first request fails for want of a table.
 */
@ExtendWith(OutputCaptureExtension.class)
class PendingMigrationsNoticeTests {

	private static ConfigurableApplicationContext start(String url, String... properties) {
		String[] arguments = new String[properties.length + 1];
		arguments[0] = "--spring.datasource.url=" + url;
		System.arraycopy(properties, 0, arguments, 1, properties.length);
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(arguments);
	}

	@Test
	void anApplicationThatDoesNotMigrateOnStartUpLogsHowManyMigrationsArePendingAndWhatAppliesThem(
			CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase();
				ConfigurableApplicationContext context = start(db.url())) {
			assertThat(output.getAll()).containsOnlyOnce("2 migrations are pending")
				.containsPattern("WARN .*2 migrations are pending, and smalls does not apply them on start-up .*"
						+ "smalls\\.enabled=true.*smalls migrate");
		}
	}

	@Test
	void anApplicationWithNothingPendingLogsNothingAboutMigrations(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			SmallsMigrator.builder(db.dataSource()).migrations(new Application().createUsers(),
					new Application().createPeople()).build().migrate();
			try (ConfigurableApplicationContext context = start(db.url())) {
				assertThat(output.getAll()).doesNotContain("pending");
			}
		}
	}

	@Test
	void anApplicationThatMigratesOnStartUpUpToATargetLogsNothingAboutTheMigrationsLeftPending(
			CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase();
				ConfigurableApplicationContext context = start(db.url(), "--smalls.enabled=true",
						"--smalls.target=1")) {
			assertThat(context.getBean(SmallsMigrator.class).status().pendingCount()).isOne();
			assertThat(output.getAll()).doesNotContain("pending");
		}
	}

	@Test
	void anApplicationWhoseDatabaseCannotBeReadStartsAndLogsNothingAboutMigrations(CapturedOutput output)
			throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		try (ConfigurableApplicationContext context = start("jdbc:postgresql://127.0.0.1:" + closed + "/nothing")) {
			assertThat(context.isRunning()).isTrue();
			assertThat(output.getAll()).doesNotContain("pending").doesNotContain("Connection refused");
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
			return SqlMigration.sql(2, "create_people", "CREATE TABLE people (id INT)", "DROP TABLE people");
		}

	}

}
