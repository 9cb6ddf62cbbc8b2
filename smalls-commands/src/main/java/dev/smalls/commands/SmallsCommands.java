package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The smalls commands, by name: what {@code java -jar app.jar smalls <command>} runs and what
 * the Spring Shell prompt offers.
 */
public final class SmallsCommands {

	private final Map<String, SmallsCommand> commands = new LinkedHashMap<>();

	public SmallsCommands(List<? extends SmallsCommand> commands) {
		commands.forEach((command) -> this.commands.putIfAbsent(command.getName(), command));
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
			return command.execute(words.subList(1, words.size()), out);
		}
		finally {
			out.flush();
		}
	}

	private void printList(PrintWriter out) {
		out.println("The smalls commands:");
		ConsoleTable table = new ConsoleTable("COMMAND", "DOES");
		this.commands.values().forEach((command) -> table.row(command.getUsage(), command.getDescription()));
		table.print(out);
	}

}
