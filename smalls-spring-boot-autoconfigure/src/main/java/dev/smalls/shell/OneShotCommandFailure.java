package dev.smalls.shell;

import java.io.PrintWriter;

import org.springframework.boot.ExitCodeGenerator;

import dev.smalls.SmallsException;
import dev.smalls.commands.ShellAdvice;
import dev.smalls.commands.SmallsCommand;

/**
 * A one-shot command's own failure, found while the application was still starting, before
 * the command could run. {@link OneShotFailureReporter} prints it as the command itself
 * prints a failure, header and two lines, rather than as a failed start-up: to the person
 * who typed {@code smalls generate}, the database is the problem, not the application. The
 * process exits with the command's exit code for a failure, 1.
 */
final class OneShotCommandFailure extends RuntimeException implements ExitCodeGenerator {

	private final String name;

	private final String typed;

	private final SmallsException failure;

	/**
	 * A failure of a command that did not get to run.
	 * @param name the command's name after {@code smalls}, e.g. {@code generate}
	 * @param typed the command as it was typed, to run again
	 * @param failure what failed
	 */
	OneShotCommandFailure(String name, String typed, SmallsException failure) {
		super(failure.getMessage(), failure);
		this.name = name;
		this.typed = typed;
		this.failure = failure;
	}

	@Override
	public int getExitCode() {
		return SmallsCommand.FAILURE;
	}

	void print(PrintWriter out) {
		SmallsCommand.header(this.name, out);
		SmallsCommand.failure(out, this.failure.getMessage(), ShellAdvice.action(this.failure, this.typed));
		out.flush();
	}

}
