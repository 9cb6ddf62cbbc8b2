package dev.smalls.shell;

import java.util.Arrays;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Whether the process was started to run one smalls command and exit:
 * {@code java -jar app.jar [--spring.options=...] smalls <command> [its options]}.
 */
public final class OneShot {

	/** The name of the property source that turns a one-shot run's defaults on. */
	static final String PROPERTY_SOURCE_NAME = "smallsOneShot";

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
	 * Whether an application's environment was prepared for a one-shot run.
	 * @param environment the environment
	 * @return {@code true} for {@code java -jar app.jar smalls <command>}
	 */
	public static boolean isOneShot(Environment environment) {
		return environment instanceof StandardEnvironment standard
				&& standard.getPropertySources().contains(PROPERTY_SOURCE_NAME);
	}

}
