package dev.smalls.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;

import dev.smalls.SmallsMigrator;
import dev.smalls.commands.MigrateCommand;
import dev.smalls.commands.RollbackCommand;
import dev.smalls.commands.SmallsCommands;
import dev.smalls.shell.SmallsCommandParser;
import dev.smalls.shell.SmallsShellRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SmallsShellAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class,
				SpringShellAutoConfiguration.class, SmallsShellAutoConfiguration.class))
		.withPropertyValues("spring.shell.interactive.enabled=false")
		// Spring Shell's own registry insists on a @SpringBootApplication bean, which a context runner has not.
		.withBean(CommandRegistry.class, CommandRegistry::new)
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID());

	@Test
	void runWithSpringShellShouldOfferEverySmallsCommandAtThePrompt() {
		this.contextRunner.run((context) -> {
			CommandRegistry registry = context.getBean(CommandRegistry.class);
			for (String name : List.of("status", "migrate", "rollback", "history", "lock", "sql", "repair", "init", "seed",
					"create", "plan", "rehearse", "drift", "lint", "baseline", "adopt", "squash", "data")) {
				assertThat(registry.getCommandByName("smalls " + name)).as(name).isNotNull();
			}
			assertThat(context).hasSingleBean(SmallsShellRunner.class);
			assertThat(context.getBean(CommandParser.class)).isInstanceOf(SmallsCommandParser.class);
		});
	}

	@Test
	void runWithoutSpringShellShouldStillProvideTheCommandsForOneShotRuns() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class,
					SmallsShellAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID())
			.withClassLoader(new FilteredClassLoader("org.springframework.shell"))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(SmallsShellRunner.class);
				assertThat(context.getBean(SmallsCommands.class).all()).hasSize(18);
			});
	}

	@Test
	void createWithSqlFileShouldWriteIntoTheFirstSqlLocation(@TempDir Path directory) throws Exception {
		// A configured location must exist (start-up names a missing one); the default one may not.
		Path folder = Files.createDirectories(directory.resolve("sql"));
		this.contextRunner.withPropertyValues("smalls.sql.locations=filesystem:" + folder).run((context) -> {
			StringWriter output = new StringWriter();
			int code = context.getBean(SmallsCommands.class)
				.run(List.of("create", "--sql-file", "add", "email"), new PrintWriter(output, true));
			assertThat(code).as(output.toString()).isZero();
			assertThat(folder.resolve("V0001__add_email.sql")).exists();
			assertThat(folder.resolve("U0001__add_email.sql")).exists();
		});
	}

	@Test
	void theFolderOfNewSqlMigrationsIsTheFirstSqlLocationInTheProjectsSources() {
		assertThat(SmallsShellAutoConfiguration.sqlDirectory(List.of("classpath:db/migration"), null))
			.isEqualTo(Path.of("src/main/resources/db/migration"));
		assertThat(SmallsShellAutoConfiguration.sqlDirectory(List.of("classpath*:/sql", "classpath:db/migration"), null))
			.isEqualTo(Path.of("src/main/resources/sql"));
		assertThat(SmallsShellAutoConfiguration.sqlDirectory(List.of("db/more"), null))
			.isEqualTo(Path.of("src/main/resources/db/more"));
		assertThat(SmallsShellAutoConfiguration.sqlDirectory(List.of("file:/opt/sql"), null)).isEqualTo(Path.of("/opt/sql"));
		assertThat(SmallsShellAutoConfiguration.sqlDirectory(List.of("filesystem:sql"), null)).isEqualTo(Path.of("sql"));
		// Beside the Java sources smalls create writes to: the same module, as in a multi-module build.
		assertThat(SmallsShellAutoConfiguration.sqlDirectory(List.of("classpath:db/migration"),
				"app/src/main/java/com/example/migrations"))
			.isEqualTo(Path.of("app/src/main/resources/db/migration"));
		assertThat(SmallsShellAutoConfiguration.sqlDirectory(List.of("classpath:db/migration"),
				"src/main/java/com/example/migrations"))
			.isEqualTo(Path.of("./src/main/resources/db/migration").normalize());
		assertThat(SmallsShellAutoConfiguration.sqlDirectory(List.of("classpath:db/migration"), "migrations"))
			.isEqualTo(Path.of("src/main/resources/db/migration"));
	}

	@Test
	void runWithSpringShellExcludedShouldLeaveTheShellIntegrationOut() {
		this.contextRunner
			.withInitializer((context) -> ConditionEvaluationReport.get(context.getBeanFactory())
				.recordExclusions(List.of(SpringShellAutoConfiguration.class.getName())))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SmallsCommands.class)
				.doesNotHaveBean(SmallsShellRunner.class)
				.doesNotHaveBean(SmallsCommandParser.class));
	}

	@Test
	void runWithSpringShellShouldReplaceItsApplicationRunnerWithOneThatSaysWhatExitLeavesRunning() {
		this.contextRunner.run((context) -> assertThat(context.getBeansOfType(ApplicationRunner.class))
			.containsOnlyKeys("springShellApplicationRunner")
			.allSatisfy((name, runner) -> assertThat(runner).isInstanceOf(SmallsShellRunner.class)));
	}

	@Test
	void runWithoutDataSourceShouldNotRegisterCommands() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SmallsAutoConfiguration.class, SmallsShellAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SmallsCommands.class));
	}

	@Test
	void runWithAUserDefinedCommandShouldBackOffForThatCommandOnly() {
		this.contextRunner.withUserConfiguration(UserRollbackConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(RollbackCommand.class).hasBean("myRollback");
			assertThat(context).hasSingleBean(MigrateCommand.class);
			assertThat(context.getBean(SmallsCommands.class).get("rollback")).isSameAs(context.getBean("myRollback"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRollbackConfiguration {

		@Bean
		RollbackCommand myRollback(SmallsMigrator migrator) {
			return new RollbackCommand(migrator);
		}

	}

}
