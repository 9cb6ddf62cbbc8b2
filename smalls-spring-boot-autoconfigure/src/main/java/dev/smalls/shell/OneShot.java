package dev.smalls.shell;

import java.util.Arrays;
import java.util.List;

import org.springframework.shell.core.InteractiveShellRunner;
import org.springframework.shell.core.ShellRunner;

/**
 * Whether the process was started to run one smalls command and exit:
 * {@code java -jar app.jar [--spring.options=...] smalls <command> [its options]}.
 */
final class OneShot {

	private OneShot() {
	}

	/**
	 * The command's words: everything from the first argument that is not a {@code --option},
	 * when that argument is {@code smalls}. Options before it are Spring's; options after it
	 * are the command's.
	 * @param sourceArgs the process arguments
	 * @return the command's words, or an empty list when this is not a smalls one-shot run
	 */
	static List<String> commandWords(String[] sourceArgs) {
		for (int i = 0; i < sourceArgs.length; i++) {
			if (!sourceArgs[i].startsWith("--")) {
				return sourceArgs[i].equals("smalls") ? Arrays.asList(sourceArgs).subList(i, sourceArgs.length)
						: List.of();
			}
		}
		return List.of();
	}

	static boolean isSmallsCommand(List<String> nonOptionArgs) {
		return !nonOptionArgs.isEmpty() && nonOptionArgs.get(0).equals("smalls");
	}

	static boolean isInteractive(ShellRunner runner) {
		return runner instanceof InteractiveShellRunner;
	}

}
