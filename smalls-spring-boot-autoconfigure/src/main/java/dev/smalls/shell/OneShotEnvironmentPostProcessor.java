package dev.smalls.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/**
 * For {@code java -jar app.jar smalls <command>}, start only what the command needs: no web
 * server (it would hold the port of the running app and keep the JVM alive), every bean lazy
 * (a bean starts only if the command needs it), no JPA (but for {@code generate}), metrics or
 * Spring Shell, no message listeners, no migrate-on-start-up (of the default set nor of any
 * instance), no schema generation or SQL init
 * scripts, no banner and no INFO logging, so that the command does exactly what was asked,
 * soon, and its output is the command's own. Explicit {@code -D}, environment and command-line
 * properties still win over these defaults; the application's own configuration files do not.
 * With {@code --json}, standard output is kept for the command's JSON document, and the rest
 * (warnings, anything the application prints) goes to standard error.
 * It also adds what runs the command ({@link OneShotRunner}) to the application. Any other
 * start, and one with {@code smalls.one-shot.enabled=false}, it leaves as it is, having read
 * only the command line.
 * <p>
 * Registered in {@code META-INF/spring.factories}, as an environment post-processor has to
 * be: it is the one piece of the one-shot run that every application of the starter loads.
 */
public class OneShotEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Whether {@code java -jar app.jar smalls <command>} runs the command. */
	static final String ENABLED = "smalls.one-shot.enabled";

	/**
	 * Spring Shell: its command registry scans the application's package, and its runner
	 * would take the command's words for a shell command.
	 */
	static final String SPRING_SHELL_AUTO_CONFIGURATION = "org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration";

	/**
	 * Micrometer's metrics: a registry and its binders, the connection pool's among them,
	 * created while the application starts, whatever lazy initialization says.
	 */
	static final String METRICS_AUTO_CONFIGURATION = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration";

	/** Micrometer's metrics of the task executors, for the same reason. */
	static final String TASK_EXECUTOR_METRICS_AUTO_CONFIGURATION = "org.springframework.boot.micrometer.metrics.autoconfigure.task.TaskExecutorMetricsAutoConfiguration";

	/**
	 * JPA: Spring creates the EntityManagerFactory early, for load-time weaving, whatever lazy
	 * initialization says. smalls' own beans cannot need it, since migrate-on-start-up runs
	 * them before JPA.
	 */
	static final String HIBERNATE_JPA_AUTO_CONFIGURATION = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration";

	/** Spring Data JPA's repositories, which need JPA. */
	static final String DATA_JPA_REPOSITORIES_AUTO_CONFIGURATION = "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration";

	/** What a command never needs, and what would start whatever lazy initialization says. */
	private static final List<String> EXCLUDED = List.of(SPRING_SHELL_AUTO_CONFIGURATION, METRICS_AUTO_CONFIGURATION,
			TASK_EXECUTOR_METRICS_AUTO_CONFIGURATION);

	/** JPA, left out of the commands that do not need it. */
	private static final List<String> JPA = List.of(HIBERNATE_JPA_AUTO_CONFIGURATION,
			DATA_JPA_REPOSITORIES_AUTO_CONFIGURATION);

	/**
	 * The commands that never need JPA. Only {@code generate} and {@code lint} read the JPA
	 * model (lint, for the columns and tables the application maps), but a help or a
	 * mistyped command lists every command, {@code generate} among them, and that command
	 * exists only where JPA starts.
	 */
	private static final Set<String> WITHOUT_JPA = Set.of("status", "migrate", "rollback", "history", "lock", "sql",
			"repair", "init", "seed", "create", "plan", "rehearse", "drift", "baseline", "adopt", "squash", "data");

	/** What {@link OneShotSchemaTools} needs: the EntityManagerFactory an application builds itself. */
	private static final String SPRING_ORM_ENTITY_MANAGER_FACTORY = "org.springframework.orm.jpa.AbstractEntityManagerFactoryBean";

	/** Message listeners and schedulers that would start working while the command runs. */
	private static final List<String> AUTO_STARTUPS = List.of("spring.quartz.auto-startup",
			"spring.kafka.listener.auto-startup", "spring.jms.listener.auto-startup",
			"spring.rabbitmq.listener.simple.auto-startup", "spring.rabbitmq.listener.direct.auto-startup");

	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	private static final ConfigurationPropertyName INSTANCES = ConfigurationPropertyName.of("smalls.instances");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String[] words = commandWords(environment);
		if (words.length == 0 || !words[0].equals("smalls")
				|| !Binder.get(environment).bind(ENABLED, Boolean.class).orElse(true)) {
			return;
		}
		// Data migrations may use the application's repositories: migrate --data starts JPA.
		boolean withoutJpa = words.length > 1 && WITHOUT_JPA.contains(words[1])
				&& !(words[1].equals("migrate") && asksForData(environment));
		Map<String, Object> properties = defaults();
		// Each instance has an enabled of its own, which smalls.enabled=false does not reach.
		instanceNames(environment)
			.forEach((name) -> properties.put("smalls.instances." + name + ".enabled", "false"));
		MapPropertySource defaults = new MapPropertySource(OneShot.PROPERTY_SOURCE_NAME, properties);
		if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, defaults);
		}
		else {
			environment.getPropertySources().addLast(defaults);
		}
		// Added to the exclusions from every source, since only the first source that has
		// any is read.
		Set<String> exclusions = new LinkedHashSet<>(
				Binder.get(environment).bind(EXCLUDE, Bindable.listOf(String.class)).orElse(List.of()));
		ClassLoader classLoader = application.getClassLoader();
		present(EXCLUDED, classLoader).forEach(exclusions::add);
		if (withoutJpa) {
			present(JPA, classLoader).forEach(exclusions::add);
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource(OneShot.PROPERTY_SOURCE_NAME + "Exclusions",
					Map.of(EXCLUDE, String.join(",", new ArrayList<>(exclusions)))));
		if (OneShot.wantsJson(environment)) {
			// Before the logging system starts: its console appender, and everything else that
			// prints on System.out, goes to standard error, and the JSON document alone to
			// standard output, where a script reads it.
			OneShot.reserveStandardOutput();
		}
		// Only now, and only for this application: any other start has none of them.
		application.addListeners(new OneShotRunner(), new GenerateDatabaseCheck());
		if (ClassUtils.isPresent(SPRING_ORM_ENTITY_MANAGER_FACTORY, classLoader)) {
			application.addListeners(new OneShotSchemaTools());
		}
	}

	/** The words of the command line that are not {@code --options}, in order. */
	private static String[] commandWords(ConfigurableEnvironment environment) {
		PropertySource<?> commandLine = environment.getPropertySources()
			.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
		Object nonOptionArgs = (commandLine != null)
				? commandLine.getProperty(CommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME) : null;
		return (nonOptionArgs != null) ? nonOptionArgs.toString().split(",") : new String[0];
	}

	/** Whether the command line has {@code --data}, which Spring reads as an option. */
	private static boolean asksForData(ConfigurableEnvironment environment) {
		PropertySource<?> commandLine = environment.getPropertySources()
			.get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
		return commandLine != null && commandLine.containsProperty("data");
	}

	/** The names of the instances configured under {@code smalls.instances}, in any source. */
	private static Set<String> instanceNames(ConfigurableEnvironment environment) {
		Set<String> names = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter((name) -> INSTANCES.isAncestorOf(name) && name.getNumberOfElements() > 3)
					.forEach((name) -> names.add(name.getElement(2, ConfigurationPropertyName.Form.DASHED)));
			}
		}
		return names;
	}

	/** The auto-configurations that are there to exclude: an application may have none of them. */
	private static List<String> present(List<String> autoConfigurations, ClassLoader classLoader) {
		return autoConfigurations.stream().filter((name) -> ClassUtils.isPresent(name, classLoader)).toList();
	}

	private static Map<String, Object> defaults() {
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.main.lazy-initialization", "true");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.shell.interactive.enabled", "false");
		properties.put("smalls.enabled", "false");
		// A job is not a serving instance: a contract step must not wait for it.
		properties.put("smalls.contract.announce", "false");
		// Hibernate creating or updating tables, or schema.sql running, would change the
		// database behind the command's back; and generate, which starts JPA to read its model,
		// must not be stopped by a validate on the very difference it is asked to write.
		properties.put("spring.jpa.hibernate.ddl-auto", "none");
		properties.put("spring.jpa.properties.hibernate.hbm2ddl.auto", "none");
		properties.put("spring.sql.init.mode", "never");
		// Actuator endpoints answer nobody without a web server; unexposed, the health
		// endpoint's eager validator does not create every health contributor (and so every
		// DataSource) at start-up.
		properties.put("management.endpoints.web.exposure.exclude", "*");
		properties.put("management.endpoints.jmx.exposure.exclude", "*");
		AUTO_STARTUPS.forEach((autoStartup) -> properties.put(autoStartup, "false"));
		// Start-up and pool INFO lines would only bury the command's output in a script's
		// log. Warnings and errors still show.
		properties.put("logging.level.root", "warn");
		properties.put("spring.main.log-startup-info", "false");
		// A failed start-up is reported by OneShotFailureReporter, in two lines; the context's
		// warning as it cancels the refresh would say it once more, with the exception's class.
		properties.put("logging.level.org.springframework.context.annotation.AnnotationConfigApplicationContext",
				"error");
		return properties;
	}

	@Override
	public int getOrder() {
		// After config data, so that these sit above application.properties, and so that
		// smalls.one-shot.enabled is read from them too.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
