package dev.smalls.shell;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.BeansException;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import dev.smalls.SmallsMigrator;

/**
 * Runs {@code java -jar app.jar smalls <command>} as soon as the application context has
 * started, before any {@code ApplicationRunner} or {@code CommandLineRunner} (a one-shot run
 * does only what it was asked), then ends the process with the command's exit code: 0 when
 * it worked, 1 when it failed, 2 when the command line was wrong or smalls cannot run
 * commands in this application. Needs no Spring Shell; registered in
 * {@code META-INF/spring.factories} so that it runs even when smalls' auto-configuration
 * does not, and can say why.
 */
public class OneShotRunner implements ApplicationListener<ApplicationStartedEvent>, Ordered {

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		List<String> words = OneShot.commandWords(event.getArgs());
		if (words.isEmpty()) {
			return;
		}
		ConfigurableApplicationContext context = event.getApplicationContext();
		PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
		int code = run(context, words.subList(1, words.size()), out);
		out.flush();
		context.close();
		System.exit(code);
	}

	static int run(ConfigurableApplicationContext context, List<String> words, PrintWriter out) {
		SmallsCommands commands;
		try {
			commands = context.getBeanProvider(SmallsCommands.class).getIfAvailable();
		}
		catch (BeansException ex) {
			StartupFailure.of(ex, context).print(out, "smalls cannot run its commands in this application: ");
			return SmallsCommand.USAGE_ERROR;
		}
		if (commands == null) {
			out.println("Error: smalls cannot run 'smalls " + CommandLine.shown(String.join(" ", words))
					+ "' in this application: " + missing(context));
			out.flush();
			return SmallsCommand.USAGE_ERROR;
		}
		return commands.run(words, out);
	}

	private static String missing(ConfigurableApplicationContext context) {
		if (context.getBeanNamesForType(DataSource.class, false, false).length == 0) {
			return "it has no DataSource.\nWhat to do: smalls migrates the application's DataSource. Add "
					+ "spring-boot-starter-jdbc and a JDBC driver (such as com.h2database:h2 or "
					+ "org.postgresql:postgresql) and set spring.datasource.url.";
		}
		String configuration = (context.getBeanNamesForType(SmallsMigrator.class, false, false).length == 0)
				? "dev.smalls.autoconfigure.SmallsAutoConfiguration"
				: "dev.smalls.autoconfigure.SmallsShellAutoConfiguration";
		return "its smalls auto-configuration is off.\nWhat to do: remove " + configuration
				+ " from spring.autoconfigure.exclude or @SpringBootApplication(exclude = ...).";
	}

	@Override
	public int getOrder() {
		// Before the application's own listeners: a one-shot run ends here.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
