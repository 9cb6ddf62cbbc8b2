package dev.smalls.commands;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsException;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.input.WholeNumbers;

/**
 * A {@code smalls ...} command, run alike from the command line and at the Spring Shell
 * prompt: a header with the time it ran, the work, and on failure the message and what to
 * do, never a stack trace. It needs nothing of Spring Shell.
 */
public abstract class SmallsCommand {

	/** The command worked, or found nothing to do. */
	public static final int OK = 0;

	/** The command failed, or the database's state refused it; the message says what is left. */
	public static final int FAILURE = 1;

	/** The command line was wrong, or smalls cannot run commands here: nothing ran. */
	public static final int USAGE_ERROR = 2;

	private static final Log logger = LogFactory.getLog(SmallsCommand.class);

	private static final DateTimeFormatter HEADER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final String name;

	private final String description;

	private final String usage;

	private final int maxArguments;

	private final List<Option> options;

	/**
	 * Create a command.
	 * @param name its name after {@code smalls}, e.g. {@code status}
	 * @param description one line for the list of commands
	 * @param usage how it is typed, e.g. {@code smalls migrate [--to N]}
	 * @param maxArguments how many words it takes besides options
	 * @param options the options it takes
	 */
	protected SmallsCommand(String name, String description, String usage, int maxArguments, Option... options) {
		this.name = name;
		this.description = description;
		this.usage = usage;
		this.maxArguments = maxArguments;
		this.options = List.of(options);
	}

	public String getName() {
		return this.name;
	}

	public String getDescription() {
		return this.description;
	}

	public String getUsage() {
		return this.usage;
	}

	public List<Option> getOptions() {
		return this.options;
	}

	/**
	 * Run the command and print what it did.
	 * @param words what was typed after {@code smalls <name>}
	 * @param out where to print
	 * @return {@link #OK}, {@link #FAILURE} or {@link #USAGE_ERROR}
	 */
	public final int execute(List<String> words, PrintWriter out) {
		String typed = String.join(" ", "smalls", this.name, String.join(" ", words)).strip();
		header(this.name, out);
		int code;
		CommandLine line = null;
		try {
			line = CommandLine.parse(words, this.options, this.maxArguments, this.name);
			if (line.help()) {
				out.println("Usage: " + this.usage);
				out.println(this.description + ".");
				code = OK;
			}
			else {
				run(line, out);
				code = OK;
			}
		}
		catch (UsageException ex) {
			code = usageError(out, ex.getMessage());
		}
		catch (SmallsValidationException ex) {
			// The engine refusing an argument is the same mistake as the command line refusing it.
			code = (ex.getProblem() == Problem.INVALID_ARGUMENT) ? usageError(out, ex.getMessage())
					: failure(out, ex.getMessage(), ShellAdvice.action(ex, typed, tenant(line)));
		}
		catch (SmallsException ex) {
			code = failure(out, ex.getMessage(), ShellAdvice.action(ex, typed, tenant(line)));
		}
		catch (RuntimeException ex) {
			logger.debug(typed + " failed", ex);
			code = failure(out, ShellAdvice.describe(ex), ShellAdvice.action(ex));
		}
		out.flush();
		return code;
	}

	private static @Nullable String tenant(@Nullable CommandLine line) {
		return (line != null) ? line.option(TenantOptions.TENANT.name()) : null;
	}

	private int usageError(PrintWriter out, String message) {
		out.println("Error: " + message);
		out.println("Usage: " + this.usage);
		return USAGE_ERROR;
	}

	/**
	 * The first line of every command's output: which command ran, and when.
	 * @param name the command's name after {@code smalls}
	 * @param out where to print
	 */
	public static void header(String name, PrintWriter out) {
		out.println("smalls " + name + "  " + LocalDateTime.now().format(HEADER_TIME));
	}

	/**
	 * A failure, in the two lines every command ends a failure with.
	 * @param out where to print
	 * @param message what failed
	 * @param action what to do
	 * @return {@link #FAILURE}
	 */
	public static int failure(PrintWriter out, String message, String action) {
		out.println("Error: " + message);
		out.println("What to do: " + action);
		return FAILURE;
	}

	/**
	 * Do the command's work and print its outcome.
	 * @param line the arguments and options, already checked against what the command takes
	 * @param out where to print
	 */
	protected abstract void run(CommandLine line, PrintWriter out);

	/**
	 * Read a sequence or a count typed as {@code 2} or {@code 0002}, by the rule the endpoint
	 * uses too ({@link WholeNumbers}).
	 * @param text the text
	 * @param what what the number is, for the message
	 * @param minimum the smallest value allowed
	 * @return the number
	 */
	protected static int number(String text, String what, int minimum) {
		Integer number = WholeNumbers.parse(text, minimum);
		if (number == null) {
			throw new UsageException(WholeNumbers.refusal(what, minimum, CommandLine.shown(text)) + ".");
		}
		return number;
	}

	/**
	 * An option a command takes.
	 *
	 * @param name its long name, typed as {@code --name}
	 * @param flag whether it is a flag that takes no value
	 * @param description what it does
	 */
	public record Option(String name, boolean flag, String description) {

		public static Option value(String name, String description) {
			return new Option(name, false, description);
		}

		public static Option flag(String name, String description) {
			return new Option(name, true, description);
		}

	}

	/**
	 * Wrong input from the person at the terminal: nothing ran.
	 */
	protected static final class UsageException extends RuntimeException {

		public UsageException(String message) {
			super(message);
		}

	}

}
