package dev.smalls.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.shell.core.ShellRunner;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.DefaultCommandParser;
import org.springframework.util.ClassUtils;

import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;
import dev.smalls.shell.CreateCommand;
import dev.smalls.shell.HistoryCommand;
import dev.smalls.shell.InitCommand;
import dev.smalls.shell.LockCommand;
import dev.smalls.shell.MigrateCommand;
import dev.smalls.shell.MigrationFileWriter;
import dev.smalls.shell.MigrationSources;
import dev.smalls.shell.RepairCommand;
import dev.smalls.shell.RollbackCommand;
import dev.smalls.shell.SeedCommand;
import dev.smalls.shell.SmallsCommand;
import dev.smalls.shell.SmallsCommandParser;
import dev.smalls.shell.SmallsCommands;
import dev.smalls.shell.SmallsShellRunner;
import dev.smalls.shell.SpringShellCommands;
import dev.smalls.shell.SpringShellCondition;
import dev.smalls.shell.SqlCommand;
import dev.smalls.shell.StatusCommand;

/**
 * Auto-configuration of the {@code smalls ...} commands: run once with
 * {@code java -jar app.jar smalls <command>}, and at the Spring Shell prompt when Spring
 * Shell is in use.
 */
// Before Spring Shell's own configuration, so that its runner and parser back off for ours.
@AutoConfiguration(after = SmallsAutoConfiguration.class,
		beforeName = SmallsShellAutoConfiguration.SPRING_SHELL_AUTO_CONFIGURATION)
@ConditionalOnBean(SmallsMigrator.class)
public final class SmallsShellAutoConfiguration {

	static final String SPRING_SHELL_AUTO_CONFIGURATION = "org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration";

	@Bean
	@ConditionalOnMissingBean
	StatusCommand smallsStatusCommand(SmallsMigrator migrator, ObjectProvider<SmallsTenants> tenants,
			SmallsProperties properties, BeanFactory beanFactory) {
		return new StatusCommand(migrator, tenants.getIfAvailable(), sources(properties, beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	MigrateCommand smallsMigrateCommand(SmallsMigrator migrator, ObjectProvider<SmallsTenants> tenants,
			SmallsProperties properties, BeanFactory beanFactory) {
		return new MigrateCommand(migrator, tenants.getIfAvailable(), sources(properties, beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	RollbackCommand smallsRollbackCommand(SmallsMigrator migrator, ObjectProvider<SmallsTenants> tenants) {
		return new RollbackCommand(migrator, tenants.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	HistoryCommand smallsHistoryCommand(SmallsMigrator migrator, ObjectProvider<SmallsTenants> tenants) {
		return new HistoryCommand(migrator, tenants.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	LockCommand smallsLockCommand(SmallsMigrator migrator, ObjectProvider<SmallsTenants> tenants) {
		return new LockCommand(migrator, tenants.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	SqlCommand smallsSqlCommand(SmallsMigrator migrator) {
		return new SqlCommand(migrator);
	}

	@Bean
	@ConditionalOnMissingBean
	RepairCommand smallsRepairCommand(SmallsMigrator migrator, ObjectProvider<SmallsTenants> tenants) {
		return new RepairCommand(migrator, tenants.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	InitCommand smallsInitCommand(SmallsMigrator migrator) {
		return new InitCommand(migrator);
	}

	@Bean
	@ConditionalOnMissingBean
	SeedCommand smallsSeedCommand(SmallsMigrator migrator) {
		return new SeedCommand(migrator);
	}

	@Bean
	@ConditionalOnMissingBean
	CreateCommand smallsCreateCommand(SmallsMigrator migrator, SmallsProperties properties, BeanFactory beanFactory) {
		return new CreateCommand(migrator, () -> fileWriter(properties.getCreate(), beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	SmallsCommands smallsCommands(ObjectProvider<SmallsCommand> commands) {
		return new SmallsCommands(commands.orderedStream().toList());
	}

	private static MigrationFileWriter fileWriter(SmallsProperties.Create create, BeanFactory beanFactory) {
		NewMigrations location = NewMigrations.of(create, beanFactory);
		return new MigrationFileWriter(location.directory(), location.packageName());
	}

	private static MigrationSources sources(SmallsProperties properties, BeanFactory beanFactory) {
		// From the classpath, as SmallsGenerateAutoConfiguration's condition: a one-shot status
		// runs without JPA, so without the generate command, in an application that has both.
		ClassLoader loader = SmallsShellAutoConfiguration.class.getClassLoader();
		boolean generate = ClassUtils.isPresent("org.hibernate.boot.Metadata", loader)
				&& ClassUtils.isPresent("org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean", loader);
		return new MigrationSources(() -> fileWriter(properties.getCreate(), beanFactory), generate);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(SpringShellCondition.class)
	static class SpringShellConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CommandParser smallsCommandParser(CommandRegistry commandRegistry, SmallsCommands commands) {
			return new SmallsCommandParser(new DefaultCommandParser(commandRegistry), commands);
		}

		@Bean
		@ConditionalOnMissingBean
		SpringShellCommands smallsSpringShellCommands(CommandRegistry commandRegistry, SmallsCommands commands) {
			return new SpringShellCommands(commandRegistry, commands);
		}

		@Bean
		@ConditionalOnMissingBean(name = "springShellApplicationRunner")
		SmallsShellRunner springShellApplicationRunner(ObjectProvider<ShellRunner> shellRunner,
				Environment environment) {
			return new SmallsShellRunner(shellRunner.getIfAvailable(), environment);
		}

	}

}
