package dev.smalls.commands;

import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * do, never a stack trace. It needs nothing of Spring Shell. A command that takes
 * {@link #JSON --json} prints instead one JSON document and nothing else, its outcome
 * included, for a script to read.
 */
public abstract class SmallsCommand {

	/** The command worked, or found nothing to do. */
	public static final int OK = 0;

	/** The command failed, or the database's state refused it; the message says what is left. */
	public static final int FAILURE = 1;

	/** The command line was wrong, or smalls cannot run commands here: nothing ran. */
	public static final int USAGE_ERROR = 2;

	/**
	 * The command ran and found something a CI gate should stop on: drift, a model that
	 * disagrees with the migrations, lint findings. Not a failure: the command did its work,
	 * and its output says what it found. A command's {@link #run} ends with it by throwing
	 * {@link FindingsException} once it has printed what it found.
	 */
	public static final int FINDINGS = 3;

	/**
	 * {@code --json}: the command prints one JSON document on standard output and nothing
	 * else, no header: {@code "format"} ({@link #JSON_FORMAT}), {@code "command"}, the
	 * command's data, and when it did not work {@code "error"} and {@code "action"}. The exit
	 * code is the same as without it. A command that takes it lists it among its options and
	 * implements {@link #runJson}.
	 */
	public static final Option JSON = Option.flag("json",
			"print one JSON document on standard output instead of text, for scripts");

	/**
	 * The shape of the {@code --json} documents, their {@code "format"}: fields may be added
	 * within a format, and it changes only when a field changes meaning or goes away.
	 */
	public static final int JSON_FORMAT = 1;

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
	 * @return {@link #OK}, {@link #FAILURE}, {@link #USAGE_ERROR} or {@link #FINDINGS}
	 */
	public final int execute(List<String> words, PrintWriter out) {
		String typed = String.join(" ", "smalls", this.name, String.join(" ", words)).strip();
		// Decided before the words are parsed, so that a wrong command line is JSON too.
		Map<String, @Nullable Object> document = wantsJson(words) ? jsonDocument(this.name) : null;
		if (document == null) {
			header(this.name, out);
		}
		int code;
		CommandLine line = null;
		try {
			line = CommandLine.parse(words, this.options, this.maxArguments, this.name);
			if (line.help() && document != null) {
				document.put("usage", this.usage);
				document.put("description", this.description);
			}
			else if (line.help()) {
				out.println("Usage: " + this.usage);
				out.println(this.description + ".");
			}
			else if (document != null) {
				runJson(line, document);
			}
			else {
				run(line, out);
			}
			code = OK;
		}
		catch (FindingsException ex) {
			// The command printed what it found; it is not an error, so nothing is added.
			logger.debug(typed + " found: " + ex.getMessage());
			code = FINDINGS;
		}
		catch (UsageException ex) {
			code = usageError(out, document, ex.getMessage());
		}
		catch (SmallsValidationException ex) {
			// The engine refusing an argument is the same mistake as the command line refusing it.
			code = (ex.getProblem() == Problem.INVALID_ARGUMENT) ? usageError(out, document, ex.getMessage())
					: failure(out, document, ex.getMessage(), ShellAdvice.action(ex, typed, tenant(line)));
		}
		catch (SmallsException ex) {
			code = failure(out, document, ex.getMessage(), ShellAdvice.action(ex, typed, tenant(line)));
		}
		catch (RuntimeException ex) {
			logger.debug(typed + " failed", ex);
			code = failure(out, document, ShellAdvice.describe(ex), ShellAdvice.action(ex));
		}
		if (document != null) {
			out.println(JsonOutput.write(document));
		}
		out.flush();
		return code;
	}

	/**
	 * Whether the words ask for {@link #JSON --json} and the command takes it. Read from the
	 * words as typed, before they are parsed, so that a command line the parser refuses is
	 * answered in JSON too.
	 */
	private boolean wantsJson(List<String> words) {
		return this.options.contains(JSON) && words.stream()
			.takeWhile((word) -> !word.equals("--"))
			.anyMatch((word) -> word.equals("--" + JSON.name()) || word.equals("--" + JSON.name() + "=true"));
	}

	/**
	 * A {@link #JSON --json} document as every command's starts: {@code "format"} and
	 * {@code "command"}.
	 * @param name the command's name after {@code smalls}
	 * @return the document, to add the command's data to, in order
	 */
	public static Map<String, @Nullable Object> jsonDocument(String name) {
		Map<String, @Nullable Object> document = new LinkedHashMap<>();
		document.put("format", JSON_FORMAT);
		document.put("command", name);
		return document;
	}

	private static @Nullable String tenant(@Nullable CommandLine line) {
		return (line != null) ? line.option(TenantOptions.TENANT.name()) : null;
	}

	private int usageError(PrintWriter out, @Nullable Map<String, @Nullable Object> document, String message) {
		if (document != null) {
			document.put("error", message);
			document.put("action", "Type it as: " + this.usage);
			return USAGE_ERROR;
		}
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

	private static int failure(PrintWriter out, @Nullable Map<String, @Nullable Object> document, String message,
			String action) {
		if (document == null) {
			return failure(out, message, action);
		}
		document.put("error", message);
		document.put("action", action);
		return FAILURE;
	}

	/**
	 * Do the command's work and print its outcome. Returning ends the command with
	 * {@link #OK}; throwing {@link UsageException} with {@link #USAGE_ERROR}, a
	 * {@link SmallsException} (or another failure) with {@link #FAILURE}, and
	 * {@link FindingsException}, once what was found is printed, with {@link #FINDINGS}.
	 * @param line the arguments and options, already checked against what the command takes
	 * @param out where to print
	 */
	protected abstract void run(CommandLine line, PrintWriter out);

	/**
	 * Do the command's work, as {@link #run} does, for {@link #JSON --json}: put its outcome
	 * in the document, which is printed once this returns or throws, as {@link #run} ends.
	 * What it has put stays when it throws: an {@code --all-tenants} run shows every tenant,
	 * then the error. Only a command that lists {@link #JSON} among its options is asked.
	 * @param line the arguments and options, already checked against what the command takes
	 * @param document {@code "format"} and {@code "command"} so far; values are what
	 * {@link JsonOutput} writes
	 */
	protected void runJson(CommandLine line, Map<String, @Nullable Object> document) {
		throw new IllegalStateException("smalls " + this.name + " takes --json but has no JSON output.");
	}

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
	 * Ends {@link #run} with {@link #FINDINGS}: the command ran to the end and found what a CI
	 * gate should stop on. Thrown last, once the findings are printed; nothing more is printed
	 * for it, since it is no error. Thrown rather than returned, as {@link UsageException} is,
	 * so that every command's {@code run} keeps its shape.
	 */
	protected static final class FindingsException extends RuntimeException {

		/**
		 * The end of a run that found something.
		 * @param summary what was found, in a few words, for the debug log
		 */
		public FindingsException(String summary) {
			super(summary, null, false, false);
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
