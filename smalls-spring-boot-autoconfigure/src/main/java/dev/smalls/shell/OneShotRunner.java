package dev.smalls.shell;

import java.io.PrintWriter;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import dev.smalls.SmallsMigrator;
import dev.smalls.commands.CommandLine;
import dev.smalls.commands.SmallsCommand;
import dev.smalls.commands.SmallsCommandRunner;
import dev.smalls.commands.SmallsCommands;

/**
 * Runs {@code java -jar app.jar smalls <command>} as soon as the application has started,
 * before the application's own runners (a one-shot run does only what it was asked), and ends
 * the run through Spring Boot: a command that worked closes the application, so that the JVM
 * ends with exit code 0 once nothing else runs; one that did not ends it with
 * {@link OneShotExit}, whose exit code (1 when it failed, 2 when the command line was wrong or
 * smalls cannot run commands in this application, 3 when it ran and found what a CI gate stops
 * on, as {@code generate --check} does) Spring Boot exits with. Needs no Spring
 * Shell; added to the application by {@link OneShotEnvironmentPostProcessor} for one-shot
 * runs only, so that it runs even when smalls' auto-configuration does not, and can say why.
 */
final class OneShotRunner implements ApplicationListener<ApplicationStartedEvent>, Ordered {

	/** What a typed reference would name: the auto-configuration package depends on this one. */
	private static final String SMALLS_AUTO_CONFIGURATION = "dev.smalls.autoconfigure.SmallsAutoConfiguration";

	/** As {@link #SMALLS_AUTO_CONFIGURATION}. */
	private static final String SMALLS_SHELL_AUTO_CONFIGURATION = "dev.smalls.autoconfigure.SmallsShellAutoConfiguration";

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		List<String> words = OneShot.commandWords(event.getArgs());
		if (words.isEmpty()) {
			return;
		}
		ConfigurableApplicationContext context = event.getApplicationContext();
		PrintWriter out = OneShot.commandOutput();
		int code = run(context, words.subList(1, words.size()), out);
		out.flush();
		if (code != SmallsCommand.OK) {
			throw new OneShotExit(String.join(" ", words), code);
		}
		end(context);
	}

	static int run(ConfigurableApplicationContext context, List<String> words, PrintWriter out) {
		String command = words.isEmpty() ? null : words.get(0);
		boolean json = words.contains("--" + SmallsCommand.JSON.name());
		SmallsCommands commands;
		try {
			commands = context.getBeanProvider(SmallsCommands.class).getIfAvailable();
		}
		catch (BeansException ex) {
			StartupFailure.of(ex, context)
				.print(out, "smalls cannot run its commands in this application: ", command, json);
			return SmallsCommand.USAGE_ERROR;
		}
		if (commands == null) {
			missing(context).print(out, "smalls cannot run 'smalls " + CommandLine.shown(String.join(" ", words))
					+ "' in this application: ", command, json);
			return SmallsCommand.USAGE_ERROR;
		}
		return new SmallsCommandRunner(commands).run(words, out);
	}

	private static StartupFailure missing(ConfigurableApplicationContext context) {
		if (context.getBeanNamesForType(DataSource.class, false, false).length == 0) {
			return new StartupFailure("it has no DataSource.", "smalls migrates the application's DataSource. Add "
					+ "spring-boot-starter-jdbc and a JDBC driver (such as com.h2database:h2 or "
					+ "org.postgresql:postgresql) and set spring.datasource.url.");
		}
		String configuration = (context.getBeanNamesForType(SmallsMigrator.class, false, false).length == 0)
				? SMALLS_AUTO_CONFIGURATION : SMALLS_SHELL_AUTO_CONFIGURATION;
		return new StartupFailure("its smalls auto-configuration is off.", "remove " + configuration
				+ " from spring.autoconfigure.exclude or @SpringBootApplication(exclude = ...).");
	}

	/**
	 * Ends a run whose command worked: the application closes, and with it its connection
	 * pools and executors, so that once {@code main} returns the JVM ends with exit code 0.
	 * Spring Boot then looks for the application's runners as it does (by type, in the bean
	 * factory) and, in a closed context, would create them anew and run them: their
	 * definitions go with the context.
	 */
	private static void end(ConfigurableApplicationContext context) {
		context.close();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (beanFactory instanceof BeanDefinitionRegistry registry) {
			for (Class<?> runner : List.of(ApplicationRunner.class, CommandLineRunner.class)) {
				for (String name : beanFactory.getBeanNamesForType(runner)) {
					if (registry.containsBeanDefinition(name)) {
						registry.removeBeanDefinition(name);
					}
				}
			}
		}
	}

	@Override
	public int getOrder() {
		// Before the application's own listeners: a one-shot run ends here.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
