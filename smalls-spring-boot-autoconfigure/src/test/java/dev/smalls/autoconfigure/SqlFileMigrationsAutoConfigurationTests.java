package dev.smalls.autoconfigure;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationState;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.SqlFileMigration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL-file migrations found by the auto-configuration: in {@code classpath:db/migration} by
 * default (a class loader of their own here, so that no other test sees them), or where
 * {@code smalls.sql.locations} says.
 */
class SqlFileMigrationsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				SmallsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private static ClassLoader withDbMigrationFolder() {
		URL root = SqlFileMigrationsAutoConfigurationTests.class.getResource("/sql-app/");
		return new URLClassLoader(new URL[] { root }, SqlFileMigrationsAutoConfigurationTests.class.getClassLoader());
	}

	@Test
	void runWithFilesInTheDefaultLocationShouldMigrateThemWithTheMigrationBeans() {
		this.contextRunner.withClassLoader(withDbMigrationFolder())
			.withUserConfiguration(SecondNote.class)
			.withPropertyValues("smalls.enabled=true", "smalls.sql.placeholders.owner=ann")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SmallsMigrator migrator = context.getBean(SmallsMigrator.class);
				assertThat(migrator.status().migrations()).extracting(MigrationInfo::name, MigrationInfo::state)
					.containsExactly(org.assertj.core.groups.Tuple.tuple("create_notes", MigrationState.APPLIED),
							org.assertj.core.groups.Tuple.tuple("second_note", MigrationState.APPLIED),
							org.assertj.core.groups.Tuple.tuple("add_owner", MigrationState.APPLIED));
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForList("SELECT owner FROM notes", String.class)).containsExactly("ann");
			});
	}

	@Test
	void runWithAConfiguredLocationShouldMigrateItsFilesInstead() {
		this.contextRunner.withClassLoader(withDbMigrationFolder())
			.withPropertyValues("smalls.enabled=true", "smalls.sql.locations=classpath:sql-elsewhere")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SmallsMigrator.class).status().migrations()).extracting(MigrationInfo::name)
					.containsExactly("create_elsewhere");
			});
	}

	@Test
	void runWithoutTheDefaultLocationShouldHaveNoSqlMigrations() {
		this.contextRunner.withUserConfiguration(SecondNote.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SmallsMigrator.class).status().migrations()).extracting(MigrationInfo::name)
				.containsExactly("second_note");
		});
	}

	@Test
	void runWithAConfiguredLocationThatDoesNotExistShouldFailNamingItWhereTheMissingDefaultIsSkipped() {
		this.contextRunner.withPropertyValues("smalls.sql.locations=classpath:db/migration,classpath:no/such/folder")
			.run((context) -> {
				assertThat(context).hasFailed();
				SmallsValidationException failure = findCause(context.getStartupFailure(),
						SmallsValidationException.class);
				assertThat(failure.getMessage())
					.isEqualTo("The SQL migrations location classpath:no/such/folder does not exist. Nothing was run.");
				FailureAnalysis analysis = new SmallsFailureAnalyzer(new DefaultListableBeanFactory(),
						new StandardEnvironment())
					.analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("smalls.sql.locations");
			});
	}

	@Test
	void runWithAnUndefinedPlaceholderShouldFailNamingFileLineAndPlaceholder() {
		this.contextRunner.withClassLoader(withDbMigrationFolder()).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(findCause(context.getStartupFailure(), SmallsValidationException.class).getMessage())
				.contains("classpath:db/migration/V3__add_owner.sql, line 1: the placeholder ${owner} is not defined");
		});
	}

	@Test
	void sqlFileMigrationsAreNotBeansButReachTheMigrator() {
		this.contextRunner.withClassLoader(withDbMigrationFolder())
			.withPropertyValues("smalls.sql.placeholders.owner=ann")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SqlFileMigration.class);
				assertThat(context.getBean(SmallsMigrator.class).sql(1, true).lines()).endsWith("DROP TABLE notes;");
			});
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		Throwable cause = failure;
		while (cause != null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			cause = cause.getCause();
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class SecondNote {

		@Bean
		SmallsMigration secondNote() {
			return new SmallsMigration() {

				@Override
				public int sequence() {
					return 2;
				}

				@Override
				public String name() {
					return "second_note";
				}

				@Override
				public void migrate(JdbcTemplate jdbc) {
					jdbc.execute("CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY, body VARCHAR(100))");
					jdbc.execute("INSERT INTO notes (id, body) VALUES (2, 'bean')");
				}

				@Override
				public void rollback(JdbcTemplate jdbc) {
					jdbc.execute("DELETE FROM notes WHERE id = 2");
				}

			};
		}

	}

}
