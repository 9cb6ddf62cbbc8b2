package dev.smalls.shell;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.ClassUtils;

import dev.smalls.SmallsMigrator;
import dev.smalls.commands.SmallsCommand;
import dev.smalls.commands.SmallsCommandRunner;

import static org.assertj.core.api.Assertions.assertThat;

class OneShotEnvironmentPostProcessorTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	private final SpringApplication application = new SpringApplication();

	private void start(String... args) {
		this.environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		new OneShotEnvironmentPostProcessor().postProcessEnvironment(this.environment, this.application);
	}

	private void applicationProperties(Map<String, Object> properties) {
		this.environment.getPropertySources().addLast(new MapPropertySource("application.properties", properties));
	}

	@Test
	void aSmallsCommandRunsWithoutWebServerLazilyAndWithoutMigratingOnStartUp() {
		applicationProperties(Map.of("smalls.enabled", "true", "spring.main.web-application-type", "servlet"));
		start("smalls", "status");
		assertThat(this.environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(this.environment.getProperty("spring.main.lazy-initialization")).isEqualTo("true");
		assertThat(this.environment.getProperty("smalls.enabled")).isEqualTo("false");
		assertThat(OneShot.isOneShot(this.environment)).isTrue();
	}

	@Test
	void noInstanceMigratesOnStartUpEither() {
		applicationProperties(Map.of("smalls.instances.billing.enabled", "true",
				"smalls.instances.billing.datasource", "billingDataSource", "smalls.instances.audit-log.url",
				"jdbc:h2:mem:audit"));
		start("smalls", "status", "--instance", "billing");
		assertThat(this.environment.getProperty("smalls.instances.billing.enabled")).isEqualTo("false");
		assertThat(this.environment.getProperty("smalls.instances.audit-log.enabled")).isEqualTo("false");
		assertThat(this.environment.getProperty("smalls.instances.billing.datasource")).isEqualTo("billingDataSource");
	}

	@Test
	void anInstanceExplicitlyEnabledByAnEnvironmentVariableStillMigratesOnStartUp() {
		applicationProperties(Map.of("smalls.instances.billing.datasource", "billingDataSource"));
		this.environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("systemEnvironment",
					Map.of("SMALLS_INSTANCES_BILLING_ENABLED", "true")));
		start("smalls", "status");
		assertThat(Binder.get(this.environment).bind("smalls.instances.billing.enabled", Boolean.class).get())
			.isTrue();
	}

	@Test
	void theApplicationsOwnExclusionsAreKeptBesideTheOneShotOnes() {
		applicationProperties(Map.of("spring.autoconfigure.exclude", "com.example.FirstAutoConfiguration"));
		start("smalls", "status");
		List<String> exclusions = Binder.get(this.environment)
			.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
			.get();
		assertThat(exclusions).contains("com.example.FirstAutoConfiguration",
				OneShotEnvironmentPostProcessor.SPRING_SHELL_AUTO_CONFIGURATION);
	}

	@Test
	void everyCommandButGenerateRunsWithoutJpa() {
		start("smalls", "status");
		assertThat(exclusions()).contains("org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration");
	}

	@Test
	void everyStandardCommandButLintIsKnownToRunWithoutJpa() {
		// The one-shot run decides from the command's name alone, before any bean exists: a
		// command added to smalls-commands and not to that list would start JPA for nothing.
		// lint reads the JPA model (the columns and tables the application maps).
		SmallsMigrator migrator = SmallsMigrator.builder(new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:one-shot-names;DB_CLOSE_DELAY=-1")).build();
		List<String> names = SmallsCommandRunner.forMigrator(migrator)
			.build()
			.commands()
			.all()
			.stream()
			.map(SmallsCommand::getName)
			.toList();
		assertThat(names).contains("status", "migrate", "create");
		for (String name : names) {
			if (name.equals("lint")) {
				continue;
			}
			StandardEnvironment environment = new StandardEnvironment();
			environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("smalls", name));
			new OneShotEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
			assertThat(Binder.get(environment).bind("spring.autoconfigure.exclude", Bindable.listOf(String.class)).get())
				.as(name)
				.contains("org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration");
		}
	}

	@Test
	void migrateWithDataStartsJpaForTheDataMigrationsThatUseTheApplicationsRepositories() {
		start("smalls", "migrate", "--data");
		assertThat(exclusions())
			.doesNotContain("org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration");
	}

	@Test
	void lintStartsJpaToReadTheModel() {
		start("smalls", "lint");
		assertThat(exclusions())
			.doesNotContain("org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration");
	}

	@Test
	void generateReadsTheJpaModelWithoutHibernateValidatingOrChangingTheSchema() {
		applicationProperties(Map.of("spring.jpa.hibernate.ddl-auto", "validate"));
		start("smalls", "generate", "add", "tags");
		assertThat(exclusions())
			.doesNotContain("org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
			.contains(OneShotEnvironmentPostProcessor.SPRING_SHELL_AUTO_CONFIGURATION);
		assertThat(this.environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("none");
		assertThat(this.environment.getProperty("spring.jpa.properties.hibernate.hbm2ddl.auto")).isEqualTo("none");
	}

	@Test
	void aMistypedCommandOrHelpKeepsJpaSoThatTheListOfCommandsNamesGenerate() {
		start("smalls", "genrate", "add", "tags");
		assertThat(exclusions())
			.doesNotContain("org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration");
		assertThat(this.environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("none");
	}

	private List<String> exclusions() {
		return Binder.get(this.environment).bind("spring.autoconfigure.exclude", Bindable.listOf(String.class)).get();
	}

	@Test
	void anExplicitSystemPropertyWinsOverTheOneShotDefaults() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("systemProperties", Map.of("logging.level.root", "info")));
		start("smalls", "status");
		assertThat(this.environment.getProperty("logging.level.root")).isEqualTo("info");
	}

	@Test
	void springOptionsBeforeTheCommandStillMakeItAOneShotRun() {
		start("--spring.profiles.active=prod", "smalls", "migrate", "--to", "3");
		assertThat(OneShot.isOneShot(this.environment)).isTrue();
	}

	@Test
	void aRunWithoutASmallsCommandIsLeftAlone() {
		applicationProperties(Map.of("smalls.enabled", "true"));
		start("--server.port=8080", "serve");
		assertThat(this.environment.getProperty("smalls.enabled")).isEqualTo("true");
		assertThat(this.environment.getProperty("spring.main.lazy-initialization")).isNull();
		assertThat(OneShot.isOneShot(this.environment)).isFalse();
	}

	@Test
	void aOneShotRunGetsWhatRunsTheCommandAndAnyOtherRunNothing() {
		SpringApplication other = new SpringApplication();
		int before = other.getListeners().size();
		new OneShotEnvironmentPostProcessor().postProcessEnvironment(new StandardEnvironment(), other);
		assertThat(other.getListeners()).hasSize(before);
		start("smalls", "status");
		assertThat(this.application.getListeners()).hasAtLeastOneElementOfType(OneShotRunner.class)
			.hasAtLeastOneElementOfType(GenerateDatabaseCheck.class);
	}

	@Test
	void oneShotRunsTurnedOffLeaveACommandToTheApplication() {
		applicationProperties(Map.of("smalls.enabled", "true", "smalls.one-shot.enabled", "false"));
		start("smalls", "status");
		assertThat(OneShot.isOneShot(this.environment)).isFalse();
		assertThat(this.environment.getProperty("smalls.enabled")).isEqualTo("true");
		assertThat(this.environment.getProperty("spring.main.lazy-initialization")).isNull();
		assertThat(this.application.getListeners()).noneMatch(OneShotRunner.class::isInstance);
	}

	@Test
	void oneShotRunsAreTurnedOffByAnEnvironmentVariableToo() {
		this.environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("systemEnvironment",
					Map.of("SMALLS_ONESHOT_ENABLED", "false")));
		ConfigurationPropertySources.attach(this.environment);
		start("smalls", "status");
		assertThat(OneShot.isOneShot(this.environment)).isFalse();
	}

	@Test
	void onlyTheAutoConfigurationsThatAreThereAreExcluded() {
		start("smalls", "status");
		assertThat(exclusions()).contains(OneShotEnvironmentPostProcessor.SPRING_SHELL_AUTO_CONFIGURATION,
				OneShotEnvironmentPostProcessor.HIBERNATE_JPA_AUTO_CONFIGURATION,
				OneShotEnvironmentPostProcessor.DATA_JPA_REPOSITORIES_AUTO_CONFIGURATION)
			.allMatch((name) -> ClassUtils.isPresent(name, null));
	}

}
