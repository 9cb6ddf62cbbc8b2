package dev.smalls.autoconfigure;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;

import dev.smalls.shell.MigrateCommand;
import dev.smalls.shell.RollbackCommand;
import dev.smalls.shell.SmallsCommand;
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
	void runWithSpringShellShouldRegisterEverySmallsCommand() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBeansOfType(SmallsCommand.class).values()).extracting(Command::getName)
				.containsExactlyInAnyOrder("smalls status", "smalls migrate", "smalls rollback", "smalls history",
						"smalls init", "smalls seed", "smalls create");
			assertThat(context).hasSingleBean(SmallsShellRunner.class).hasSingleBean(SmallsCommandParser.class);
		});
	}

	@Test
	void runWithoutSpringShellShouldNotRegisterCommands() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Command.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SmallsCommand.class)
				.doesNotHaveBean(SmallsShellRunner.class));
	}

	@Test
	void runWithSpringShellShouldReplaceItsApplicationRunnerWithOneThatKeepsExitCodes() {
		this.contextRunner.run((context) -> assertThat(context.getBeansOfType(org.springframework.boot.ApplicationRunner.class))
			.containsOnlyKeys("springShellApplicationRunner")
			.allSatisfy((name, runner) -> assertThat(runner).isInstanceOf(SmallsShellRunner.class)));
	}

	@Test
	void runWithoutDataSourceShouldNotRegisterCommands() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SmallsAutoConfiguration.class, SmallsShellAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SmallsCommand.class));
	}

	@Test
	void runWithAUserDefinedCommandShouldBackOffForThatCommandOnly() {
		this.contextRunner.withBean("myRollback", RollbackCommand.class, () -> null)
			.run((context) -> {
				assertThat(context).hasSingleBean(RollbackCommand.class).hasBean("myRollback");
				assertThat(context).hasSingleBean(MigrateCommand.class);
			});
	}

}
