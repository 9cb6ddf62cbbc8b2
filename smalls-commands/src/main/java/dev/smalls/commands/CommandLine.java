package dev.smalls.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.smalls.commands.SmallsCommand.Option;
import dev.smalls.commands.SmallsCommand.UsageException;

/**
 * The words typed after a command's name, checked against what the command takes:
 * {@code --name value}, {@code --name=value}, {@code --flag}, and positional arguments.
 * Anything the command does not take is refused, never ignored, so a typo cannot run
 * something else than what was meant.
 *
 * @param arguments the positional arguments, in order
 * @param options the options given, by name
 * @param help whether {@code --help} or {@code -h} was asked for
 */
public record CommandLine(List<String> arguments, Map<String, String> options, boolean help) {

	private static final int SHOWN_LENGTH = 40;

	public CommandLine {
		arguments = List.copyOf(arguments);
		options = Map.copyOf(options);
	}

	/**
	 * The value of an option.
	 * @param name the option's name
	 * @return its value, {@code "true"} for a flag, or {@code null} when not given
	 */
	public @Nullable String option(String name) {
		return this.options.get(name);
	}

	static CommandLine parse(List<String> words, List<Option> declared, int maxArguments, String command) {
		List<String> arguments = new ArrayList<>();
		Map<String, String> options = new LinkedHashMap<>();
		boolean help = false;
		boolean onlyArguments = false;
		for (int i = 0; i < words.size(); i++) {
			String word = words.get(i);
			if (onlyArguments || !isOption(word)) {
				arguments.add(word);
				continue;
			}
			if (word.equals("--")) {
				onlyArguments = true;
				continue;
			}
			if (word.equals("--help") || word.equals("-h")) {
				help = true;
				continue;
			}
			int equals = word.indexOf('=');
			String name = word.substring(word.startsWith("--") ? 2 : 1, (equals >= 0) ? equals : word.length());
			Option option = declared.stream().filter((candidate) -> candidate.name().equals(name)).findFirst()
				.orElseThrow(() -> unknownOption(word, declared, command));
			String value;
			if (equals >= 0) {
				value = word.substring(equals + 1);
			}
			else if (option.flag()) {
				value = "true";
			}
			else if (i + 1 < words.size() && !isOption(words.get(i + 1))) {
				value = words.get(++i);
			}
			else {
				throw new UsageException("--" + name + " needs a value, e.g. --" + name + " 3.");
			}
			if (option.flag() && !value.equals("true") && !value.equals("false")) {
				throw new UsageException("--" + name + " takes no value (or true/false), not '" + shown(value) + "'.");
			}
			if (options.put(name, value) != null) {
				throw new UsageException("--" + name + " is given twice.");
			}
		}
		if (arguments.size() > maxArguments) {
			List<String> extra = arguments.subList(maxArguments, arguments.size());
			throw new UsageException("smalls " + command + " takes " + ((maxArguments == 0) ? "no arguments"
					: (maxArguments == 1) ? "one argument" : "at most " + maxArguments + " arguments")
					+ ", but got '" + shown(String.join(" ", extra)) + "' as well.");
		}
		return new CommandLine(arguments, options, help);
	}

	/** An option word: {@code --name} or {@code -x}, but not a negative number, which is refused as an argument. */
	private static boolean isOption(String word) {
		return word.startsWith("-") && !word.matches("-\\d+");
	}

	private static UsageException unknownOption(String word, List<Option> declared, String command) {
		StringBuilder message = new StringBuilder("Unknown option '").append(shown(word)).append("'");
		message.append(declared.isEmpty() ? "; smalls " + command + " takes no options."
				: "; smalls " + command + " takes " + String.join(", ",
						declared.stream().map((option) -> "--" + option.name()).toList()) + ".");
		if (word.startsWith("--") && word.contains(".")) {
			message.append(" Spring properties go before the command: java -jar app.jar ")
				.append(shown(word))
				.append(" smalls ")
				.append(command)
				.append(" ...");
		}
		return new UsageException(message.toString());
	}

	/**
	 * Text typed by someone else, as it may be shown back: printable and of bounded length.
	 * @param text the text
	 * @return the text, cut to 40 characters with control characters replaced
	 */
	public static String shown(String text) {
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() <= SHOWN_LENGTH) ? printable : printable.substring(0, SHOWN_LENGTH) + "...";
	}

}
