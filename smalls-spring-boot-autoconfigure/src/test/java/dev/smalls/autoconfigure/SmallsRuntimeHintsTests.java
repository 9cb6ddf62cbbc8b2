package dev.smalls.autoconfigure;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The native-image hints: the default scripts always, the scripts and driver the build-time
 * configuration names on top.
 */
class SmallsRuntimeHintsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void theDefaultInitAndSeedScriptsAreKept() {
		RuntimeHints hints = new RuntimeHints();
		new SmallsRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("smalls/init.sql")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("smalls/seed.sql")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/V1__create_users.sql")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/sub/U2__x.sql")).accepts(hints);
	}

	@Test
	void configuredClassPathSqlMigrationFoldersAreKept() {
		this.contextRunner.withPropertyValues("smalls.sql.locations=classpath:sql-elsewhere,filesystem:src/test/resources/sql-elsewhere")
			.run((context) -> {
				RuntimeHints hints = processAheadOfTime(context.getBeanFactory());
				assertThat(RuntimeHintsPredicates.resource().forResource("sql-elsewhere/V1__create_elsewhere.sql"))
					.accepts(hints);
				assertThat(RuntimeHintsPredicates.resource().forResource("sql-elsewhere/V1__x.sql.conf")).accepts(hints);
				assertThat(RuntimeHintsPredicates.resource().forResource("src/test/resources/sql-elsewhere/V1__x.sql")).rejects(hints);
			});
	}

	@Test
	void configuredClassPathScriptsAreKeptAndOtherLocationsIgnored() {
		this.contextRunner
			.withPropertyValues("smalls.init.locations=classpath:db/init/schema.sql,classpath*:db/init/extra-*.sql",
					"smalls.seed.locations=db/seed/data.sql,file:/etc/app/seed.sql")
			.run((context) -> {
				RuntimeHints hints = processAheadOfTime(context.getBeanFactory());
				assertThat(RuntimeHintsPredicates.resource().forResource("db/init/schema.sql")).accepts(hints);
				assertThat(RuntimeHintsPredicates.resource().forResource("db/init/extra-users.sql")).accepts(hints);
				assertThat(RuntimeHintsPredicates.resource().forResource("db/seed/data.sql")).accepts(hints);
				assertThat(RuntimeHintsPredicates.resource().forResource("etc/app/seed.sql")).rejects(hints);
			});
	}

	@Test
	void theDriverForSmallsUrlIsKeptForReflection() {
		this.contextRunner.withPropertyValues("smalls.url=jdbc:postgresql://db/app").run((context) -> {
			RuntimeHints hints = processAheadOfTime(context.getBeanFactory());
			assertThat(RuntimeHintsPredicates.reflection().onType(org.postgresql.Driver.class)).accepts(hints);
		});
	}

	@Test
	void anExplicitDriverClassIsKeptForReflection() {
		this.contextRunner.withPropertyValues("smalls.user=migrator", "smalls.driver-class-name=org.h2.Driver")
			.run((context) -> {
				RuntimeHints hints = processAheadOfTime(context.getBeanFactory());
				assertThat(RuntimeHintsPredicates.reflection().onType(org.h2.Driver.class)).accepts(hints);
			});
	}

	@Test
	void nothingIsContributedWithoutAMigrator() {
		new ApplicationContextRunner().run((context) -> assertThat(
				new SmallsScriptsAotProcessor().processAheadOfTime(context.getBeanFactory()))
			.isNull());
	}

	private static RuntimeHints processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		BeanFactoryInitializationAotContribution contribution = new SmallsScriptsAotProcessor()
			.processAheadOfTime(beanFactory);
		assertThat(contribution).isNotNull();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "Application")), new InMemoryGeneratedFiles());
		contribution.applyTo(generationContext, mock(BeanFactoryInitializationCode.class));
		return generationContext.getRuntimeHints();
	}

}
