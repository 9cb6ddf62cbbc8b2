package dev.smalls.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.ParsedInput;

/**
 * Lets {@code smalls seed --force} be typed without a value. Spring Shell 4.0.1 recognises
 * value-less boolean options only on single-word commands; this fills in {@code true} for
 * the smalls flags and hands everything else to the parser unchanged.
 */
public class SmallsCommandParser implements CommandParser {

	private static final Set<String> FLAGS = Set.of("--force");

	private final CommandParser delegate;

	public SmallsCommandParser(CommandParser delegate) {
		this.delegate = delegate;
	}

	@Override
	public ParsedInput parse(String input) {
		return this.delegate.parse(withFlagValues(input));
	}

	static String withFlagValues(String input) {
		List<String> words = List.of(input.strip().split("\\s+"));
		if (words.isEmpty() || !words.get(0).equals("smalls")) {
			return input;
		}
		List<String> result = new ArrayList<>();
		for (int i = 0; i < words.size(); i++) {
			result.add(words.get(i));
			boolean lastOrOption = i + 1 == words.size() || words.get(i + 1).startsWith("-");
			if (FLAGS.contains(words.get(i)) && lastOrOption) {
				result.add("true");
			}
		}
		return String.join(" ", result);
	}

}
