package dev.smalls.shell;

import org.springframework.boot.ExitCodeGenerator;

/**
 * Ends a one-shot run whose command did not work, or found what a CI gate stops on, once the
 * command has said so: Spring Boot takes the exit code from it, closes the application and, on
 * the main thread, exits with that code. {@link OneShotFailureReporter} keeps Spring Boot from
 * reporting it once more.
 */
final class OneShotExit extends RuntimeException implements ExitCodeGenerator {

	private final int exitCode;

	/**
	 * The end of a run.
	 * @param command the command as it was typed
	 * @param exitCode the command's exit code, not 0
	 */
	OneShotExit(String command, int exitCode) {
		super("'" + command + "' ended with exit code " + exitCode, null, false, false);
		this.exitCode = exitCode;
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
