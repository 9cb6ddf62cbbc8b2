package dev.smalls.generate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * For {@code java -jar app.jar smalls generate ...}: Hibernate neither validates nor changes
 * the schema. The model is ahead of the database when a migration is generated, so
 * {@code spring.jpa.hibernate.ddl-auto=validate} would stop the very command that brings the
 * database to it, and {@code update} would do the command's work behind its back. An explicit
 * {@code -D} or environment setting still wins; the application's configuration files do not.
 */
public class GenerateEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "smallsGenerate";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		PropertySource<?> commandLine = environment.getPropertySources()
			.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
		if (commandLine == null) {
			return;
		}
		Object nonOptionArgs = commandLine.getProperty(CommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME);
		List<String> words = (nonOptionArgs != null) ? Arrays.asList(nonOptionArgs.toString().split(",")) : List.of();
		if (words.size() < 2 || !words.get(0).equals("smalls") || !words.get(1).equals("generate")) {
			return;
		}
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME,
				Map.of("spring.jpa.hibernate.ddl-auto", "none", "spring.jpa.properties.hibernate.hbm2ddl.auto", "none"));
		if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			environment.getPropertySources().addLast(source);
		}
	}

	@Override
	public int getOrder() {
		// After config data, so that this sits above application.properties.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
