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
@AutoConfiguration(after = SmallsAutoConfiguration.class,
		beforeName = { "org.springframework.shell.core.autoconfigure.ShellRunnerAutoConfiguration",
				"org.springframework.shell.core.autoconfigure.CommandRegistryAutoConfiguration" })
@ConditionalOnClass(Command.class)
@ConditionalOnBean(SmallsMigrator.class)
public final class SmallsShellAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ShellExitCode smallsShellExitCode() {
		return new ShellExitCode();
	}

	@Bean
	StatusCommand smallsStatusCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new StatusCommand(migrator, exitCode);
	}

	@Bean
	MigrateCommand smallsMigrateCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new MigrateCommand(migrator, exitCode);
	}

	@Bean
	RollbackCommand smallsRollbackCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new RollbackCommand(migrator, exitCode);
	}

	@Bean
	HistoryCommand smallsHistoryCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new HistoryCommand(migrator, exitCode);
	}

	@Bean
	InitCommand smallsInitCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new InitCommand(migrator, exitCode);
	}

	@Bean
	SeedCommand smallsSeedCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		return new SeedCommand(migrator, exitCode);
	}

	@Bean
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
