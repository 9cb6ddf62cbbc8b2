package dev.smalls.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import org.hibernate.boot.Metadata;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.shell.core.ShellRunner;
import org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.DefaultCommandParser;

import dev.smalls.SmallsInstances;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlFileMigrations;
import dev.smalls.SmallsTenants;
import dev.smalls.commands.AdoptCommand;
import dev.smalls.commands.BaselineCommand;
import dev.smalls.commands.CreateCommand;
import dev.smalls.commands.DataCommand;
import dev.smalls.commands.DriftCommand;
import dev.smalls.commands.HistoryCommand;
import dev.smalls.commands.InitCommand;
import dev.smalls.commands.LintCommand;
import dev.smalls.commands.LiquibasePendingChangeSets;
import dev.smalls.commands.LockCommand;
import dev.smalls.commands.MigrateCommand;
import dev.smalls.commands.MigrationFileWriter;
import dev.smalls.commands.MigrationSources;
import dev.smalls.commands.PlanCommand;
import dev.smalls.commands.RehearseCommand;
import dev.smalls.commands.RepairCommand;
import dev.smalls.commands.RollbackCommand;
import dev.smalls.commands.SeedCommand;
import dev.smalls.commands.SmallsCommand;
import dev.smalls.commands.SmallsCommands;
import dev.smalls.commands.SqlCommand;
import dev.smalls.commands.SqlFileWriter;
import dev.smalls.commands.SquashCommand;
import dev.smalls.commands.StatusCommand;
import dev.smalls.generate.MigrationGenerator;
import dev.smalls.shell.SmallsCommandParser;
import dev.smalls.shell.SmallsShellRunner;
import dev.smalls.shell.SpringShellCommands;
import dev.smalls.shell.SpringShellCondition;

/**
 * Auto-configuration of the {@code smalls ...} commands: run once with
 * {@code java -jar app.jar smalls <command>}, and at the Spring Shell prompt when Spring
 * Shell is in use.
 */
// Before Spring Shell's own configuration, so that its runner and parser back off for ours. By
// name, as Spring Boot names an optional module's: Spring Shell may not be on the classpath.
@AutoConfiguration(after = { SmallsAutoConfiguration.class, SmallsInstancesAutoConfiguration.class },
		beforeName = "org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration")
@ConditionalOnBean(SmallsMigrator.class)
public final class SmallsShellAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StatusCommand smallsStatusCommand(SmallsMigrator migrator, ObjectProvider<SmallsTenants> tenants,
			MigrationSources sources) {
		return new StatusCommand(migrator, tenants.getIfAvailable(), sources);
	}

	@Bean
	@ConditionalOnMissingBean
	MigrateCommand smallsMigrateCommand(SmallsMigrator migrator, ObjectProvider<SmallsTenants> tenants,
			MigrationSources sources) {
		return new MigrateCommand(migrator, tenants.getIfAvailable(), sources);
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
	DriftCommand smallsDriftCommand(SmallsMigrator migrator) {
		return new DriftCommand(migrator);
	}

	@Bean
	@ConditionalOnMissingBean
	LintCommand smallsLintCommand(SmallsMigrator migrator) {
		return new LintCommand(migrator);
	}

	@Bean
	@ConditionalOnMissingBean
	PlanCommand smallsPlanCommand(SmallsMigrator migrator) {
		return new PlanCommand(migrator);
	}

	@Bean
	@ConditionalOnMissingBean
	RehearseCommand smallsRehearseCommand(SmallsMigrator migrator) {
		return new RehearseCommand(migrator);
	}

	@Bean
	@ConditionalOnMissingBean
	RepairCommand smallsRepairCommand(SmallsMigrator migrator, ObjectProvider<SmallsTenants> tenants) {
		return new RepairCommand(migrator, tenants.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	DataCommand smallsDataCommand(SmallsMigrator migrator) {
		return new DataCommand(migrator);
	}

	@Bean
	@ConditionalOnMissingBean
	BaselineCommand smallsBaselineCommand(SmallsMigrator migrator, ObjectProvider<SmallsTenants> tenants) {
		return new BaselineCommand(migrator, tenants.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	AdoptCommand smallsAdoptCommand(SmallsMigrator migrator, ObjectProvider<SmallsTenants> tenants,
			ObjectProvider<LiquibasePendingChangeSets> liquibasePending) {
		return new AdoptCommand(migrator, tenants.getIfAvailable(),
				liquibasePending.getIfUnique(() -> LiquibasePendingChangeSets.UNCHECKED));
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
		return new CreateCommand(migrator, () -> fileWriter(properties.getCreate(), beanFactory),
				() -> new SqlFileWriter(
						sqlDirectory(properties.getSql().getLocations(), properties.getCreate().getDirectory())));
	}

	/**
	 * The folder of the first SQL location, in the project's sources: a class path folder
	 * under the {@code src/main/resources} of the module whose {@code src/main/java}
	 * {@code smalls.create.directory} names (so that {@code create} and {@code create --sql-file}
	 * write into the same module), else of the working directory; a file system folder as it
	 * is.
	 */
	static Path sqlDirectory(List<String> locations, @Nullable String createDirectory) {
		String location = locations.isEmpty() ? SqlFileMigrations.DEFAULT_LOCATION : locations.get(0);
		for (String prefix : new String[] { "filesystem:", "file:" }) {
			if (location.startsWith(prefix)) {
				return Path.of(location.substring(prefix.length()));
			}
		}
		String path = location.replaceFirst("^classpath\\*?:", "");
		return moduleOf(createDirectory).resolve(Path.of("src", "main", "resources"))
			.resolve(path.startsWith("/") ? path.substring(1) : path);
	}

	private static Path moduleOf(@Nullable String createDirectory) {
		if (createDirectory != null) {
			String sources = createDirectory.replace('\\', '/');
			int at = sources.indexOf("src/main/java");
			if (at >= 0) {
				return Path.of(sources.substring(0, at)).normalize();
			}
		}
		return Path.of("");
	}

	@Bean
	@ConditionalOnMissingBean
	SquashCommand smallsSquashCommand(SmallsMigrator migrator, SmallsProperties properties, BeanFactory beanFactory) {
		return new SquashCommand(migrator, () -> fileWriter(properties.getCreate(), beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	SmallsCommands smallsCommands(ObjectProvider<SmallsCommand> commands, ObjectProvider<SmallsInstances> instances,
			SmallsProperties properties, ObjectProvider<LiquibasePendingChangeSets> liquibasePending) {
		return new SmallsCommands(commands.orderedStream().toList(), InstanceCommands.of(instances.getIfAvailable(),
				properties, liquibasePending.getIfUnique(() -> LiquibasePendingChangeSets.UNCHECKED)));
	}

	private static MigrationFileWriter fileWriter(SmallsProperties.Create create, BeanFactory beanFactory) {
		NewMigrations location = NewMigrations.of(create, beanFactory);
		return new MigrationFileWriter(location.directory(), location.packageName());
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationSources smallsMigrationSources(SmallsProperties properties, BeanFactory beanFactory) {
		return new MigrationSources(() -> fileWriter(properties.getCreate(), beanFactory), false);
	}

	/**
	 * What {@code smalls adopt liquibase} checks first where the application has Liquibase:
	 * the change sets of its change log the database has not run.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "liquibase.Liquibase")
	static class LiquibaseConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LiquibasePendingChangeSets smallsLiquibasePendingChangeSets(Environment environment,
				ResourceLoader resourceLoader) {
			return LiquibaseChangeLogCheck.of(environment, resourceLoader);
		}

	}

	/**
	 * Where smalls generate can run: from the classpath, as SmallsGenerateAutoConfiguration's
	 * condition, since a one-shot status runs without JPA, so without the generate command, in
	 * an application that has both. Registered before the outer class's beans, so that its
	 * sources replace theirs.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MigrationGenerator.class, Metadata.class, LocalContainerEntityManagerFactoryBean.class })
	static class GenerateConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigrationSources smallsMigrationSourcesWithGenerate(SmallsProperties properties, BeanFactory beanFactory) {
			return new MigrationSources(() -> fileWriter(properties.getCreate(), beanFactory), true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SpringShellAutoConfiguration.class)
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
