package dev.smalls.shell;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.shell.core.InteractiveShellRunner;
import org.springframework.shell.core.ShellRunner;

/**
 * Runs Spring Shell (the interactive prompt, or a {@code @script}) in place of Spring Shell's
 * own application runner, and says what leaving the prompt means: in a web application,
 * {@code exit} closes the shell while the application keeps serving, which Spring Shell
 * alone leaves unsaid. It passes Spring Shell the arguments after Spring's own options. One-shot
 * {@code smalls} commands never get here (unless {@code smalls.one-shot.enabled=false}):
 * {@link OneShotRunner} runs them and ends the run first.
 */
public class SmallsShellRunner implements ApplicationRunner {

	private final @Nullable ShellRunner shellRunner;

	private final Environment environment;

	public SmallsShellRunner(@Nullable ShellRunner shellRunner, Environment environment) {
		this.shellRunner = shellRunner;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		boolean interactive = this.shellRunner instanceof InteractiveShellRunner;
		// Spring's options (--server.port=8081) are the application's, not the shell's: given
		// them, the prompt would warn that "arguments will be ignored", and a script or command
		// would begin with them.
		String[] shellArgs = OneShot.afterSpringOptions(args.getSourceArgs()).toArray(String[]::new);
		if (this.shellRunner == null || (!interactive && shellArgs.length == 0)) {
			return;
		}
		this.shellRunner.run(shellArgs);
		String port = this.environment.getProperty("local.server.port");
		if (interactive && port != null) {
			// Not through the shell's own writer: Spring Shell's console runner closes it.
			System.out.println("The shell is closed, but the application keeps serving on port " + port
					+ ". Stop it with Ctrl+C.");
			System.out.flush();
		}
	}

}
