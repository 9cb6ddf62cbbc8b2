package dev.smalls.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.hibernate.boot.Metadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;

import dev.smalls.SmallsValidationException;
import dev.smalls.autoconfigure.generate.ShelfConfiguration;
import dev.smalls.generate.GenerateCommand;
import dev.smalls.generate.GenerateOptions;
import dev.smalls.generate.GenerateResult;
import dev.smalls.generate.MigrationGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class SmallsGenerateAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				HibernateJpaAutoConfiguration.class, SmallsAutoConfiguration.class, SpringShellAutoConfiguration.class,
				SmallsShellAutoConfiguration.class, SmallsGenerateAutoConfiguration.class))
		.withUserConfiguration(ShelfConfiguration.class)
		// Spring Shell's own registry insists on a @SpringBootApplication bean, which a context runner has not.
		.withBean(CommandRegistry.class, CommandRegistry::new)
		.withPropertyValues("spring.shell.interactive.enabled=false", "spring.jpa.hibernate.ddl-auto=none",
				"spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID());

	@Test
	void runWithJpaShouldProvideAGeneratorAndItsCommand() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(MigrationGenerator.class)
			.hasSingleBean(GenerateCommand.class));
	}

	@Test
	void runWithoutHibernateShouldNotProvideAGenerator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Metadata.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MigrationGenerator.class)
				.doesNotHaveBean(GenerateCommand.class));
	}

	@Test
	void runWithoutAnEntityManagerFactoryShouldNotProvideAGenerator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class,
					SmallsGenerateAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationGenerator.class));
	}

	@Test
	void runWithoutSpringShellShouldStillProvideTheCommandForOneShotRuns() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Command.class))
			.run((context) -> assertThat(context).hasSingleBean(MigrationGenerator.class)
				.hasSingleBean(GenerateCommand.class));
	}

	@Test
	void runWithAUserDefinedGeneratorShouldBackOff() {
		this.contextRunner.withBean("myGenerator", MigrationGenerator.class, () -> null)
			.run((context) -> assertThat(context).hasSingleBean(MigrationGenerator.class).hasBean("myGenerator"));
	}

	@Test
	void theGeneratorReadsTheModelUnderSpringBootsNamingAndWritesWhereSmallsCreateWrites() {
		this.contextRunner.withPropertyValues("smalls.create.directory=" + this.directory)
			.run((context) -> {
				GenerateResult result = context.getBean(MigrationGenerator.class)
					.generate("create shelves", GenerateOptions.defaults());
				assertThat(result.operations()).containsExactly("createTable shelf (id BIGINT PRIMARY KEY, "
						+ "display_name VARCHAR(255))");
				assertThat(result.file()).isEqualTo(this.directory.resolve("M0001CreateShelves.java"));
				assertThat(Files.readString(result.file())).startsWith("package dev.smalls.autoconfigure.generate."
						+ "migrations;");
			});
	}

	@Test
	void theGeneratorReadsTheModelUnderTheApplicationsOwnNamingStrategy() {
		this.contextRunner
			.withPropertyValues("smalls.create.directory=" + this.directory,
					"spring.jpa.hibernate.naming.physical-strategy="
							+ "org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl")
			.run((context) -> assertThat(context.getBean(MigrationGenerator.class)
				.generate("create shelves", GenerateOptions.defaults())
				.operations()).containsExactly("createTable Shelf (id BIGINT PRIMARY KEY, displayName VARCHAR(255))"));
	}

	@Test
	void theGeneratorLeavesTheIgnoredTablesAlone() {
		this.contextRunner
			.withPropertyValues("smalls.create.directory=" + this.directory,
					"smalls.generate.ignored-tables=shelf")
			.run((context) -> assertThat(context.getBean(MigrationGenerator.class)
				.generate("create shelves", GenerateOptions.defaults())
				.upToDate()).isTrue());
	}

	@Test
	void onceTheApplicationHasStartedTheLinterKnowsWhatTheModelMaps() {
		this.contextRunner.withBean("dropDisplayName", dev.smalls.SmallsMigration.class, () -> new dev.smalls.schema.SchemaMigration() {

			@Override
			public int sequence() {
				return 1;
			}

			@Override
			public String name() {
				return "drop_display_name";
			}

			@Override
			public void change(dev.smalls.schema.Schema schema) {
				schema.dropColumn("shelf", "display_name", dev.smalls.schema.ColumnType.varchar(255));
				schema.dropColumn("shelf", "legacy_code", dev.smalls.schema.ColumnType.varchar(20));
			}

		}).run((context) -> {
			new org.springframework.jdbc.core.JdbcTemplate(context.getBean(javax.sql.DataSource.class))
				.execute("CREATE TABLE shelf (id BIGINT PRIMARY KEY, display_name VARCHAR(255), legacy_code VARCHAR(20))");

			dev.smalls.lint.LintResult result = context.getBean(dev.smalls.SmallsMigrator.class).lint();

			assertThat(result.findings()).singleElement().satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("mapped-column-dropped");
				assertThat(finding.operation()).contains("shelf.display_name");
			});
		});
	}

	@Test
	void anApplicationWithoutAPackageForMigrationsStartsAndIsToldWhenItGenerates() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, SmallsAutoConfiguration.class,
					SmallsGenerateAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> context.getBean(MigrationGenerator.class)))
					.isInstanceOf(BeanCreationException.class)
					.rootCause()
					.isInstanceOf(SmallsValidationException.class)
					.hasMessageContaining("does not know which package new migrations belong in");
			});
	}

}
