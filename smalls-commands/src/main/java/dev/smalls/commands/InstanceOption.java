package dev.smalls.commands;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.commands.SmallsCommand.UsageException;

/**
 * {@code --instance <name>} (or {@code --instance=<name>}): which migration set of
 * {@code smalls.instances} a command acts on. Taken off the words before the command reads
 * them, so every command takes it alike, and the instance's own command (built on its
 * migrator) reads the rest. Without it, a command acts on the default set.
 *
 * @param instance the instance named, or {@code null}
 * @param rest the words without the option
 */
record InstanceOption(@Nullable String instance, List<String> rest) {

	private static final String FLAG = "--" + SmallsCommands.INSTANCE.name();

	/**
	 * Take {@code --instance} off the words typed after a command's name.
	 * @param words the words
	 * @return the instance named, if any, and the other words
	 * @throws UsageException if it is given twice or without a value
	 */
	static InstanceOption of(List<String> words) {
		String instance = null;
		List<String> rest = new ArrayList<>();
		boolean onlyArguments = false;
		for (int i = 0; i < words.size(); i++) {
			String word = words.get(i);
			String value = null;
			if (!onlyArguments && word.equals(FLAG)) {
				if (i + 1 >= words.size() || words.get(i + 1).startsWith("-")) {
					throw new UsageException(FLAG + " needs the name of an instance, e.g. " + FLAG + " billing.");
				}
				value = words.get(++i);
			}
			else if (!onlyArguments && word.startsWith(FLAG + "=")) {
				value = word.substring(FLAG.length() + 1);
			}
			else {
				onlyArguments = onlyArguments || word.equals("--");
				rest.add(word);
				continue;
			}
			if (instance != null) {
				throw new UsageException(FLAG + " is given twice.");
			}
			if (value.isBlank()) {
				throw new UsageException(FLAG + " needs the name of an instance, e.g. " + FLAG + " billing.");
			}
			instance = value;
		}
		return new InstanceOption(instance, rest);
	}

}
