package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsInstances;

/**
 * The smalls commands, by name: what {@code java -jar app.jar smalls <command>} runs and what
 * the Spring Shell prompt offers.
 */
public final class SmallsCommands {

	/** {@code --instance <name>}, which every command takes where the application has instances. */
	public static final SmallsCommand.Option INSTANCE = SmallsCommand.Option.value("instance",
			"the migration set of smalls.instances to act on");

	private final Map<String, SmallsCommand> commands = new LinkedHashMap<>();

	private final Map<String, SmallsCommands> instances;

	public SmallsCommands(List<? extends SmallsCommand> commands) {
		this(commands, Map.of());
	}

	/**
	 * The commands of an application with migration sets besides its default one: each
	 * command takes {@code --instance <name>} and then runs as that instance's command.
	 * @param commands the default set's commands
	 * @param instances each instance's commands, by the instance's name
	 */
	public SmallsCommands(List<? extends SmallsCommand> commands, Map<String, SmallsCommands> instances) {
		commands.forEach((command) -> this.commands.putIfAbsent(command.getName(), command));
		this.instances = new LinkedHashMap<>(instances);
	}

	/**
	 * The names of the instances {@code --instance} takes.
	 * @return the names, in order; empty when the application has none
	 */
	public List<String> instances() {
		return List.copyOf(this.instances.keySet());
	}

	/**
	 * Every command, in order.
	 * @return the commands
	 */
	public List<SmallsCommand> all() {
		return List.copyOf(this.commands.values());
	}

	/**
	 * The command of that name.
	 * @param name the name after {@code smalls}, e.g. {@code status}
	 * @return the command, or {@code null}
	 */
	public @Nullable SmallsCommand get(String name) {
		return this.commands.get(name);
	}

	/**
	 * Run what was typed after {@code smalls}.
	 * @param words the command's name, then its arguments and options
	 * @param out where to print
	 * @return the exit code: {@link SmallsCommand#OK}, {@link SmallsCommand#FAILURE},
	 * {@link SmallsCommand#USAGE_ERROR} or {@link SmallsCommand#FINDINGS}
	 */
	public int run(List<String> words, PrintWriter out) {
		try {
			if (words.isEmpty() || words.get(0).equals("help") || words.get(0).equals("--help")) {
				if (words.isEmpty()) {
					out.println("Error: name a smalls command.");
				}
				printList(out);
				return words.isEmpty() ? SmallsCommand.USAGE_ERROR : SmallsCommand.OK;
			}
			SmallsCommand command = this.commands.get(words.get(0));
			if (command == null && words.contains("--" + SmallsCommand.JSON.name())) {
				// A script that asked for JSON gets JSON, whatever it typed.
				Map<String, @Nullable Object> document = SmallsCommand.jsonDocument(words.get(0));
				document.put("error", "Unknown command 'smalls " + CommandLine.shown(String.join(" ", words)) + "'.");
				document.put("action", "smalls help lists the commands.");
				out.println(JsonOutput.write(document));
				return SmallsCommand.USAGE_ERROR;
			}
			if (command == null) {
				out.println("Error: unknown command 'smalls " + CommandLine.shown(String.join(" ", words)) + "'.");
				printList(out);
				return SmallsCommand.USAGE_ERROR;
			}
			return execute(command, words.subList(1, words.size()), out);
		}
		finally {
			out.flush();
		}
	}

	/**
	 * Run a command with what was typed after its name: on the instance that
	 * {@code --instance} names, or on the default set.
	 * @param command the command, one of {@link #all()}
	 * @param words what was typed after its name
	 * @param out where to print
	 * @return the exit code
	 */
	public int execute(SmallsCommand command, List<String> words, PrintWriter out) {
		if (this.instances.isEmpty() && words.stream().noneMatch((word) -> word.startsWith("--instance"))) {
			return command.execute(words, out);
		}
		SmallsCommand target;
		InstanceOption option;
		try {
			option = InstanceOption.of(words);
			target = (option.instance() != null) ? instanceCommand(command, option.instance()) : command;
		}
		catch (SmallsCommand.UsageException ex) {
			return refuse(command, words, ex.getMessage(), out);
		}
		return target.execute(option.rest(), out);
	}

	private SmallsCommand instanceCommand(SmallsCommand command, String instance) {
		if (this.instances.isEmpty()) {
			throw new SmallsCommand.UsageException("--instance needs migration sets besides the default one, and "
					+ "this application configures none: set smalls.instances.<name>.datasource.");
		}
		SmallsCommands commands = this.instances.get(instance);
		if (commands == null) {
			throw new SmallsCommand.UsageException("There is no instance '" + CommandLine.shown(instance)
					+ "'; did you mean '" + SmallsInstances.closest(instance, this.instances.keySet())
					+ "'? The instances are: " + String.join(", ", this.instances.keySet()) + ".");
		}
		SmallsCommand own = commands.get(command.getName());
		if (own == null) {
			throw new SmallsCommand.UsageException("smalls " + command.getName() + " acts on the default set only.");
		}
		return own;
	}

	private static int refuse(SmallsCommand command, List<String> words, String message, PrintWriter out) {
		if (words.contains("--" + SmallsCommand.JSON.name()) && command.getOptions().contains(SmallsCommand.JSON)) {
			Map<String, @Nullable Object> document = SmallsCommand.jsonDocument(command.getName());
			document.put("error", message);
			document.put("action", "Type it as: " + command.getUsage() + " [--instance NAME]");
			out.println(JsonOutput.write(document));
		}
		else {
			SmallsCommand.header(command.getName(), out);
			out.println("Error: " + message);
			out.println("Usage: " + command.getUsage() + " [--instance NAME]");
		}
		out.flush();
		return SmallsCommand.USAGE_ERROR;
	}

	private void printList(PrintWriter out) {
		out.println("The smalls commands:");
		ConsoleTable table = new ConsoleTable("COMMAND", "DOES");
		this.commands.values().forEach((command) -> table.row(command.getUsage(), command.getDescription()));
		table.print(out);
		if (!this.instances.isEmpty()) {
			out.println("Each acts on the default set, or with --instance NAME on one of: "
					+ String.join(", ", this.instances.keySet()) + ".");
		}
	}

}
