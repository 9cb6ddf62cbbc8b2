package dev.smalls.shell;

import java.util.ArrayList;
import java.util.List;

import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;

import dev.smalls.commands.SmallsCommand;
import dev.smalls.commands.SmallsCommands;

/**
 * A smalls command at the Spring Shell prompt: {@code smalls status} there runs the same
 * {@link SmallsCommand} as {@code java -jar app.jar smalls status}, from the same words.
 */
final class SpringShellCommand extends AbstractCommand {

	private final SmallsCommand command;

	private final SmallsCommands commands;

	SpringShellCommand(SmallsCommand command, SmallsCommands commands) {
		super("smalls " + command.getName(), command.getDescription(), "smalls", command.getUsage(), false);
		this.command = command;
		this.commands = commands;
		List<SmallsCommand.Option> options = new ArrayList<>(command.getOptions());
		if (!commands.instances().isEmpty()) {
			options.add(SmallsCommands.INSTANCE);
		}
		// Shown by Spring Shell's help; parsing is the command's own.
		setOptions(options
			.stream()
			.map((option) -> CommandOption.with()
				.longName(option.name())
				.description(option.description())
				.type(option.flag() ? boolean.class : String.class)
				.build())
			.toList());
	}

	/**
	 * Runs the command and hands Spring Shell its exit code. Spring Shell shows any code but 0
	 * as "Error while executing command ...: " and the description, and stops a script there:
	 * for {@link SmallsCommand#FINDINGS} the description says that the command ran to the end,
	 * and a script still stops, as a CI gate should.
	 */
	@Override
	public ExitStatus doExecute(CommandContext context) {
		// Through the commands, which run it on the instance --instance names.
		int code = this.commands.execute(this.command, words(context), context.outputWriter());
		return switch (code) {
			case SmallsCommand.OK -> ExitStatus.OK;
			case SmallsCommand.FINDINGS -> new ExitStatus(code, getName() + " ran to the end and found what is listed "
					+ "above (exit code 3, which stops a CI gate).");
			default -> new ExitStatus(code, getName() + " did not complete; see the error above.");
		};
	}

	/**
	 * The words typed after the command's name. {@link SmallsCommandParser} hands them over
	 * as arguments, untouched; another parser may have split off options, which are put back.
	 */
	private static List<String> words(CommandContext context) {
		List<String> words = new ArrayList<>();
		for (CommandOption option : context.parsedInput().options()) {
			words.add("--" + option.longName() + "=" + option.value());
		}
		context.parsedInput().arguments().stream().map(CommandArgument::value).forEach(words::add);
		return words;
	}

}
