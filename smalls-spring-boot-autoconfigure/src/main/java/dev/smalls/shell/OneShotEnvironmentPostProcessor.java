package dev.smalls.shell;

import java.util.Arrays;
import java.util.HashMap;
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
 * For {@code java -jar app.jar smalls <command>}: no web server (it would hold the port of
 * the running app and keep the JVM alive), no interactive shell, no banner, no INFO logging,
 * and no migrate-on-start-up, so the command does exactly what was asked and its output is
 * the command's own. Explicit {@code -D} and
 * command-line properties still win over these defaults; the application's own configuration
 * files do not.
 */
public class OneShotEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "smallsOneShot";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		PropertySource<?> commandLine = environment.getPropertySources()
			.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
		if (commandLine == null) {
			return;
		}
		Object nonOptionArgs = commandLine.getProperty(CommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME);
		List<String> words = (nonOptionArgs != null) ? Arrays.asList(nonOptionArgs.toString().split(",")) : List.of();
		if (!OneShot.isSmallsCommand(words)) {
			return;
		}
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.shell.interactive.enabled", "false");
		properties.put("smalls.enabled", "false");
		// The command prints what it did: start-up and pool INFO lines would only bury it in a
		// script's output. Warnings and errors still show.
		properties.put("logging.level.root", "warn");
		properties.put("spring.main.log-startup-info", "false");
		MapPropertySource defaults = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
		if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, defaults);
		}
		else {
			environment.getPropertySources().addLast(defaults);
		}
	}

	@Override
	public int getOrder() {
		// After config data, so that these sit above application.properties.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
