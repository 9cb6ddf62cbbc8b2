package dev.smalls.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.shell.core.ShellRunner;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.DefaultCommandParser;

import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.shell.CreateCommand;
import dev.smalls.shell.HistoryCommand;
import dev.smalls.shell.InitCommand;
import dev.smalls.shell.MigrateCommand;
import dev.smalls.shell.MigrationFileWriter;
import dev.smalls.shell.OneShotExit;
import dev.smalls.shell.RollbackCommand;
import dev.smalls.shell.SeedCommand;
import dev.smalls.shell.ShellExitCode;
import dev.smalls.shell.SmallsCommandParser;
import dev.smalls.shell.SmallsShellRunner;
import dev.smalls.shell.StatusCommand;

/**
 * Auto-configuration of the {@code smalls ...} Spring Shell commands and of one-shot runs
 * with a real exit code.
 */
// Before Spring Shell's own configuration, so that its runner and parser back off for ours.
@AutoConfiguration(after = SmallsAutoConfiguration.class,
		beforeName = SmallsShellAutoConfiguration.SPRING_SHELL_AUTO_CONFIGURATION)
@ConditionalOnClass(value = Command.class, name = SmallsShellAutoConfiguration.SPRING_SHELL_AUTO_CONFIGURATION)
@ConditionalOnBean(SmallsMigrator.class)
public final class SmallsShellAutoConfiguration {

	static final String SPRING_SHELL_AUTO_CONFIGURATION = "org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration";

	@Bean
	@ConditionalOnMissingBean
	ShellExitCode smallsShellExitCode() {
		return new ShellExitCode();
	}

	@Bean
	@ConditionalOnMissingBean
	StatusCommand smallsStatusCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new StatusCommand(migrator, exitCode);
	}

	@Bean
	@ConditionalOnMissingBean
	MigrateCommand smallsMigrateCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new MigrateCommand(migrator, exitCode);
	}

	@Bean
	@ConditionalOnMissingBean
	RollbackCommand smallsRollbackCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new RollbackCommand(migrator, exitCode);
	}

	@Bean
	@ConditionalOnMissingBean
	HistoryCommand smallsHistoryCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new HistoryCommand(migrator, exitCode);
	}

	@Bean
	@ConditionalOnMissingBean
	InitCommand smallsInitCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new InitCommand(migrator, exitCode);
	}

	@Bean
	@ConditionalOnMissingBean
	SeedCommand smallsSeedCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new SeedCommand(migrator, exitCode);
	}

	@Bean
	@ConditionalOnMissingBean
	CreateCommand smallsCreateCommand(SmallsMigrator migrator, SmallsProperties properties, BeanFactory beanFactory,
			ShellExitCode exitCode) {
		return new CreateCommand(migrator, () -> fileWriter(properties.getCreate(), beanFactory), exitCode);
	}

	@Bean
	@ConditionalOnMissingBean
	CommandParser smallsCommandParser(CommandRegistry commandRegistry) {
		return new SmallsCommandParser(new DefaultCommandParser(commandRegistry));
	}

	@Bean
	@ConditionalOnMissingBean(name = "springShellApplicationRunner")
	SmallsShellRunner springShellApplicationRunner(CommandParser parser, CommandRegistry registry,
			ShellExitCode exitCode, ObjectProvider<ShellRunner> shellRunner) {
		return new SmallsShellRunner(parser, registry, exitCode, shellRunner.getIfAvailable());
	}

	@Bean
	static OneShotExit smallsOneShotExit() {
		return new OneShotExit();
	}

	private static MigrationFileWriter fileWriter(SmallsProperties.Create create, BeanFactory beanFactory) {
		String packageName = create.getPackage();
		if (packageName == null) {
			List<String> packages = AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory)
					: List.of();
			if (packages.isEmpty()) {
				throw new SmallsValidationException("smalls does not know which package new migrations belong in.",
						"Set smalls.create.package, e.g. smalls.create.package=com.example.migrations.");
			}
			packageName = packages.get(0) + ".migrations";
		}
		String directory = create.getDirectory();
		Path path = (directory != null) ? Path.of(directory)
				: Path.of("src", "main", "java").resolve(packageName.replace('.', '/'));
		return new MigrationFileWriter(path, packageName);
	}

}
