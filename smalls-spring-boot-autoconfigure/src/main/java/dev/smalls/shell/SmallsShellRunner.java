package dev.smalls.shell;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.ShellRunner;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ParsedInput;

/**
 * Runs {@code java -jar app.jar smalls <command>} once, with a real exit code; anything else
 * (no arguments: the interactive shell; {@code @script}) goes to Spring Shell's own runner.
 * It replaces Spring Shell's application runner, which only logs a failed command.
 */
public class SmallsShellRunner implements ApplicationRunner {

	private final CommandParser parser;

	private final CommandRegistry registry;

	private final ShellExitCode exitCode;

	private final @Nullable ShellRunner shellRunner;

	private final PrintWriter out;

	public SmallsShellRunner(CommandParser parser, CommandRegistry registry, ShellExitCode exitCode,
			@Nullable ShellRunner shellRunner) {
		this(parser, registry, exitCode, shellRunner, new PrintWriter(System.out, true, StandardCharsets.UTF_8));
	}

	SmallsShellRunner(CommandParser parser, CommandRegistry registry, ShellExitCode exitCode,
			@Nullable ShellRunner shellRunner, PrintWriter out) {
		this.parser = parser;
		this.registry = registry;
		this.exitCode = exitCode;
		this.shellRunner = shellRunner;
		this.out = out;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		List<String> command = OneShot.commandWords(args.getSourceArgs());
		if (!command.isEmpty()) {
			execute(String.join(" ", command));
		}
		else if (this.shellRunner != null
				&& (!args.getNonOptionArgs().isEmpty() || OneShot.isInteractive(this.shellRunner))) {
			this.shellRunner.run(args.getSourceArgs());
		}
	}

	private void execute(String input) {
		ParsedInput parsed;
		try {
			parsed = this.parser.parse(input);
		}
		catch (RuntimeException ex) {
			this.out.println("Error: could not read '" + input + "': " + ex.getMessage());
			this.exitCode.record(SmallsCommand.USAGE_ERROR);
			return;
		}
		String name = String.join(" ", parsed.commandName(), String.join(" ", parsed.subCommands())).strip();
		if (this.registry.getCommandByName(name) == null) {
			this.out.println("Error: unknown command '" + input + "'. The smalls commands are: smalls status, "
					+ "smalls migrate, smalls rollback, smalls history, smalls init, smalls seed, smalls create.");
			this.out.flush();
			this.exitCode.record(SmallsCommand.USAGE_ERROR);
			return;
		}
		CommandContext context = new CommandContext(parsed, this.registry, this.out, new InputReader() {
		});
		try {
			new CommandExecutor(this.registry).execute(context);
		}
		catch (RuntimeException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			this.out.println("Error: " + cause.getMessage());
			this.exitCode.record(SmallsCommand.FAILURE);
		}
		this.out.flush();
	}

}
