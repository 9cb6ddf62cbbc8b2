package dev.smalls.shell;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.smalls.commands.JsonOutput;
import dev.smalls.commands.SmallsCommand;

/**
 * Whether the process was started to run one smalls command and exit:
 * {@code java -jar app.jar [--spring.options=...] smalls <command> [its options]}.
 */
public final class OneShot {

	/** The name of the property source that turns a one-shot run's defaults on. */
	static final String PROPERTY_SOURCE_NAME = "smallsOneShot";

	/** Where the command prints, once {@link #reserveStandardOutput()} has kept it for it. */
	private static volatile @Nullable PrintStream commandOutput;

	private OneShot() {
	}

	/**
	 * The command's words: everything from the first argument that is not a {@code --option},
	 * when that argument is {@code smalls}. Options before it are Spring's; options after it
	 * are the command's.
	 * @param sourceArgs the process arguments
	 * @return the command's words, starting with {@code smalls}, or an empty list when this
	 * is not a smalls one-shot run
	 */
	static List<String> commandWords(String[] sourceArgs) {
		List<String> words = afterSpringOptions(sourceArgs);
		return (!words.isEmpty() && words.get(0).equals("smalls")) ? words : List.of();
	}

	/**
	 * The arguments from the first that is not a {@code --option}: the options before it are
	 * Spring's ({@code --server.port=8081}), those after it belong to what it names.
	 * @param sourceArgs the process arguments
	 * @return the arguments after Spring's options, maybe none
	 */
	static List<String> afterSpringOptions(String[] sourceArgs) {
		for (int i = 0; i < sourceArgs.length; i++) {
			if (!sourceArgs[i].startsWith("--")) {
				return Arrays.asList(sourceArgs).subList(i, sourceArgs.length);
			}
		}
		return List.of();
	}

	/**
	 * The command's name, read from the command line's words that are not options.
	 * @param environment the environment, with its command-line property source
	 * @return the word after {@code smalls}, or {@code null}
	 */
	static @Nullable String commandName(Environment environment) {
		PropertySource<?> commandLine = commandLine(environment);
		Object words = (commandLine != null)
				? commandLine.getProperty(CommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME) : null;
		String[] split = (words != null) ? words.toString().split(",") : new String[0];
		return (split.length > 1 && split[0].equals("smalls")) ? split[1] : null;
	}

	private static @Nullable PropertySource<?> commandLine(Environment environment) {
		return (environment instanceof ConfigurableEnvironment configurable)
				? configurable.getPropertySources().get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)
				: null;
	}

	/**
	 * Whether the command line asks for {@code --json}. Spring reads every {@code --word} as an
	 * option of its own, wherever it stands, so it is found among the command line's options.
	 * @param environment the environment, with its command-line property source
	 * @return {@code true} when {@code --json} (or {@code --json=true}) was given
	 */
	static boolean wantsJson(Environment environment) {
		PropertySource<?> commandLine = commandLine(environment);
		Object json = (commandLine != null) ? commandLine.getProperty(SmallsCommand.JSON.name()) : null;
		return json != null && (json.toString().isEmpty() || json.toString().equals("true"));
	}

	/**
	 * Keep standard output for the command's JSON document alone: from now on
	 * {@code System.out} is standard error, so that the log, a banner, and whatever the
	 * application or a library prints there goes to standard error, and the command prints to
	 * the standard output kept here ({@link #commandOutput()}). Done before the logging system
	 * starts; for the one process that runs one command and ends.
	 */
	static synchronized void reserveStandardOutput() {
		if (commandOutput == null) {
			commandOutput = System.out;
			System.setOut(System.err);
		}
	}

	/**
	 * Where the command prints: the process's standard output.
	 * @return a writer in UTF-8 on standard output, even where {@code System.out} was moved
	 */
	static PrintWriter commandOutput() {
		PrintStream out = (commandOutput != null) ? commandOutput : System.out;
		return new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
	}

	/**
	 * A failure before the command could run, as {@code --json} prints one.
	 * @param out where to print
	 * @param command the command's name after {@code smalls}, or {@code null} when none was given
	 * @param error what failed
	 * @param action what to do
	 */
	static void printJsonFailure(PrintWriter out, @Nullable String command, String error, String action) {
		Map<String, @Nullable Object> document = SmallsCommand.jsonDocument(command != null ? command : "");
		document.put("error", error);
		document.put("action", action);
		out.println(JsonOutput.write(document));
		out.flush();
	}

	/**
	 * Whether an application's environment was prepared for a one-shot run.
	 * @param environment the environment
	 * @return {@code true} for {@code java -jar app.jar smalls <command>}
	 */
	public static boolean isOneShot(Environment environment) {
		return environment instanceof StandardEnvironment standard
				&& standard.getPropertySources().contains(PROPERTY_SOURCE_NAME);
	}

}
