package dev.smalls.shell;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;

/**
 * A line typed at the Spring Shell prompt: parsed by the application's parser, run by Spring
 * Shell's executor, output and exit status read back. Spring Shell's own test client does
 * the same but drops the exit status.
 */
public final class ShellSession {

	private final CommandParser parser;

	private final CommandRegistry registry;

	public ShellSession(CommandParser parser, CommandRegistry registry) {
		this.parser = parser;
		this.registry = registry;
	}

	public Result send(String line) throws Exception {
		StringWriter output = new StringWriter();
		CommandContext context = new CommandContext(this.parser.parse(line), this.registry, new PrintWriter(output),
				new InputReader() {
				});
		ExitStatus status = new CommandExecutor(this.registry).execute(context);
		return new Result(status.code(), output.toString(), status.description());
	}

	/**
	 * What the line did.
	 * @param exitCode the exit status's code
	 * @param output what the command printed
	 * @param description the exit status's description, which the prompt prints after
	 * "Error while executing command ...: " when the code is not 0
	 */
	public record Result(int exitCode, String output, String description) {
	}

}
