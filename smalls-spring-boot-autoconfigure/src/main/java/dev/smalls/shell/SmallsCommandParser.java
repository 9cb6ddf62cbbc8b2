package dev.smalls.shell;

import java.util.ArrayList;
import java.util.List;

import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.ParsedInput;

import dev.smalls.commands.SmallsCommands;

/**
 * Reads {@code smalls <command> ...} typed at the Spring Shell prompt into the same words a
 * one-shot run gets from the command line, so that both are parsed alike by the command
 * itself (Spring Shell's own parser cannot take a value-less flag on a two-word command).
 * Everything else goes to the parser it wraps, unchanged.
 */
public class SmallsCommandParser implements CommandParser {

	private final CommandParser delegate;

	private final SmallsCommands commands;

	public SmallsCommandParser(CommandParser delegate, SmallsCommands commands) {
		this.delegate = delegate;
		this.commands = commands;
	}

	@Override
	public ParsedInput parse(String input) {
		List<String> words = words(input);
		if (words.size() < 2 || !words.get(0).equals("smalls") || this.commands.get(words.get(1)) == null) {
			return this.delegate.parse(input);
		}
		ParsedInput.Builder parsed = ParsedInput.builder().commandName("smalls").addSubCommand(words.get(1));
		for (int i = 2; i < words.size(); i++) {
			parsed.addArgument(new CommandArgument(i - 2, words.get(i)));
		}
		return parsed.build();
	}

	/**
	 * Split a line into words as a POSIX shell would for the common cases: whitespace
	 * separates, single or double quotes keep a word together.
	 * @param input the line
	 * @return the words
	 */
	static List<String> words(String input) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		char quote = 0;
		for (char c : input.toCharArray()) {
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
				word = (word != null) ? word : new StringBuilder();
			}
			else if (Character.isWhitespace(c)) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
			}
			else {
				word = (word != null) ? word : new StringBuilder();
				word.append(c);
			}
		}
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

}
