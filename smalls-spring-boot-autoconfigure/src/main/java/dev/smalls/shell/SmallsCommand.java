package dev.smalls.shell;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;

import dev.smalls.SmallsException;

/**
 * A {@code smalls ...} shell command: a header with the time it ran, the work, and on
 * failure the message and what to do, never a stack trace. Failures are reported to the
 * {@link ShellExitCode} so one-shot runs end with a non-zero exit code.
 */
public abstract class SmallsCommand extends AbstractCommand {

	/** The exit status of a command whose input was wrong. */
	static final int USAGE_ERROR = 2;

	/** The exit status of a command that failed. */
	static final int FAILURE = 1;

	private static final DateTimeFormatter HEADER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final ShellExitCode exitCode;

	protected SmallsCommand(String name, String description, String help, ShellExitCode exitCode,
			CommandOption... options) {
		super("smalls " + name, description, "smalls", help, false);
		this.exitCode = exitCode;
		setOptions(List.of(options));
	}

	@Override
	public final ExitStatus doExecute(CommandContext context) {
		PrintWriter out = context.outputWriter();
		out.println(getName() + "  " + LocalDateTime.now().format(HEADER_TIME));
		ExitStatus status;
		try {
			status = run(context, out);
		}
		catch (UsageException ex) {
			out.println("Error: " + ex.getMessage());
			out.println("Usage: " + getHelp());
			status = new ExitStatus(USAGE_ERROR, getName() + " was not run; see the usage above.");
		}
		catch (SmallsException ex) {
			out.println("Error: " + ex.getMessage());
			out.println("What to do: " + ex.getAction());
			status = new ExitStatus(FAILURE, getName() + " failed; see the error above.");
		}
		out.flush();
		this.exitCode.record(status.code());
		return status;
	}

	/**
	 * Do the command's work and print its outcome.
	 * @param context the command's input
	 * @param out where to print
	 * @return the outcome
	 */
	protected abstract ExitStatus run(CommandContext context, PrintWriter out);

	/**
	 * The value of an option, as typed.
	 * @param context the command's input
	 * @param longName the option's name without dashes
	 * @return the value, or {@code null} when not given
	 */
	protected @Nullable String option(CommandContext context, String longName) {
		for (CommandOption option : context.parsedInput().options()) {
			if (longName.equals(option.longName())) {
				return option.value();
			}
		}
		return null;
	}

	/**
	 * The positional arguments, as typed.
	 * @param context the command's input
	 * @return the arguments in order
	 */
	protected List<String> arguments(CommandContext context) {
		return context.parsedInput().arguments().stream().map(CommandArgument::value).toList();
	}

	/**
	 * Refuse options this command does not know, so that a typo is not silently ignored.
	 * @param context the command's input
	 * @param known the options this command takes
	 */
	protected void onlyOptions(CommandContext context, String... known) {
		List<String> allowed = List.of(known);
		for (CommandOption option : context.parsedInput().options()) {
			if (!allowed.contains(option.longName())) {
				throw new UsageException("Unknown option '--" + option.longName() + "'.");
			}
		}
	}

	/**
	 * Read a sequence typed as {@code 2} or {@code 0002}.
	 * @param text the text
	 * @param what what the number is, for the message
	 * @return the number
	 */
	protected static int number(String text, String what) {
		String trimmed = text.strip();
		if (!trimmed.matches("\\d{1,9}")) {
			throw new UsageException(what + " must be a whole number of 0 or more, such as 2 or 0002, not '" + text + "'.");
		}
		return Integer.parseInt(trimmed);
	}

	/**
	 * Wrong input from the person at the terminal.
	 */
	protected static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

}
