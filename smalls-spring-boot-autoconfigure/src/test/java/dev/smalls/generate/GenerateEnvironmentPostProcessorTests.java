package dev.smalls.generate;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateEnvironmentPostProcessorTests {

	@Test
	void generateRunsWithoutHibernateValidatingOrUpdatingTheSchema() {
		StandardEnvironment environment = environment("smalls", "generate", "add", "tags");
		environment.getPropertySources().addLast(new MapPropertySource("application.properties",
				Map.of("spring.jpa.hibernate.ddl-auto", "validate")));

		new GenerateEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("none");
	}

	@Test
	void anExplicitSystemPropertyStillWins() {
		StandardEnvironment environment = environment("smalls", "generate", "add", "tags");
		environment.getPropertySources().replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
				new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
						Map.of("spring.jpa.hibernate.ddl-auto", "validate")));

		new GenerateEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("validate");
	}

	@Test
	void otherCommandsAndOrdinaryStartsAreLeftAsConfigured() {
		for (StandardEnvironment environment : new StandardEnvironment[] { environment("smalls", "status"),
				environment("--server.port=0"), new StandardEnvironment() }) {
			new GenerateEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
			assertThat(environment.getPropertySources().contains(GenerateEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
				.isFalse();
		}
	}

	private static StandardEnvironment environment(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		return environment;
	}

}
