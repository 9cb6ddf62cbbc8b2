package dev.smalls.autoconfigure;

import java.util.UUID;

import javax.sql.DataSource;

import org.h2.Driver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.smalls.SmallsMigration;
import dev.smalls.SqlMigration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which data source smalls migrates through, on H2. The separation of rights that
 * {@code smalls.user} is for is proved on PostgreSQL, where users have them.
 */
class MigrationDataSourceTests {

	private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				SmallsAutoConfiguration.class))
		.withUserConfiguration(WhoMigrates.class)
		.withPropertyValues("spring.datasource.url=" + this.url, "spring.datasource.username=sa", "smalls.enabled=true");

	@BeforeEach
	void createTheDatabaseWithASecondUser() {
		// The first connection to an H2 database creates it, with that user as its admin.
		admin().execute("CREATE USER IF NOT EXISTS MIGRATOR PASSWORD 'secret' ADMIN");
	}

	@Test
	void withoutCredentialsOfItsOwnSmallsMigratesAsTheApplicationsUser() {
		this.contextRunner.run((context) -> assertThat(migratedBy(context.getBean(JdbcTemplate.class))).isEqualTo("SA"));
	}

	@Test
	void userAndPasswordAloneMigrateTheApplicationsDatabaseAsThatUser() {
		this.contextRunner.withPropertyValues("smalls.user=migrator", "smalls.password=secret").run((context) -> {
			assertThat(migratedBy(context.getBean(JdbcTemplate.class))).isEqualTo("MIGRATOR");
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT CURRENT_USER", String.class))
				.isEqualTo("SA");
		});
	}

	@Test
	void theMigrationDataSourceIsDriverManagedSoNoPoolOutlivesTheMigration() {
		this.contextRunner.withPropertyValues("smalls.user=migrator", "smalls.password=secret")
			.run((context) -> {
				assertThat(context).hasSingleBean(DataSource.class);
				assertThat(context.getBean(MigrationDataSource.class).get()).isInstanceOf(SimpleDriverDataSource.class);
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE USER_NAME = 'MIGRATOR'",
							Integer.class))
					.isZero();
			});
	}

	@Test
	void anExplicitDriverClassNameIsUsed() {
		this.contextRunner
			.withPropertyValues("smalls.user=migrator", "smalls.password=secret",
					"smalls.driver-class-name=org.h2.Driver")
			.run((context) -> assertThat(
					((SimpleDriverDataSource) context.getBean(MigrationDataSource.class).get()).getDriver())
				.isInstanceOf(Driver.class));
	}

	@Test
	void wrongMigrationCredentialsStopStartUpWithoutTouchingTheDatabase() {
		this.contextRunner.withPropertyValues("smalls.user=nobody", "smalls.password=wrong").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("Wrong user name or password");
			assertThat(admin().queryForObject(
					"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME IN ('WHO', 'SMALLS_HISTORY')",
					Integer.class))
				.isZero();
		});
	}

	private JdbcTemplate admin() {
		return new JdbcTemplate(new SimpleDriverDataSource(new Driver(), this.url, "sa", ""));
	}

	private static String migratedBy(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT name FROM who", String.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class WhoMigrates {

		@Bean
		SmallsMigration recordWhoMigrates() {
			return new SqlMigration(1, "record_who_migrates", (jdbc) -> {
				jdbc.execute("CREATE TABLE who (name VARCHAR(100))");
				jdbc.update("INSERT INTO who VALUES (CURRENT_USER)");
			}, (jdbc) -> jdbc.execute("DROP TABLE who"));
		}

	}

}
