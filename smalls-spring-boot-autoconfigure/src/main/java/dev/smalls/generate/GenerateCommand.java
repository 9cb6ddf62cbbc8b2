package dev.smalls.generate;

import java.io.PrintWriter;
import java.util.function.Supplier;

import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;

import dev.smalls.SmallsValidationException;
import dev.smalls.shell.ShellExitCode;
import dev.smalls.shell.SmallsCommand;

/**
 * {@code smalls generate <description> [--allow-drop] [--ignore-pending]}: write the next
 * migration from the JPA model. The work is {@link MigrationGenerator}'s; this prints it.
 */
public class GenerateCommand extends SmallsCommand {

	private static final String USAGE = "smalls generate <description words> [--allow-drop] [--ignore-pending]";

	private final Supplier<MigrationGenerator> generator;

	public GenerateCommand(Supplier<MigrationGenerator> generator, ShellExitCode exitCode) {
		super("generate", "Write the next migration from the JPA entities: what the database lacks, as schema "
				+ "operations with their rollback", USAGE, exitCode,
				CommandOption.with().longName("allow-drop").description("write drops of removed tables and columns, "
						+ "which lose data, instead of comments").type(boolean.class).build(),
				CommandOption.with().longName("ignore-pending").description("generate even with migrations pending")
					.type(boolean.class).build());
		this.generator = generator;
	}

	@Override
	protected ExitStatus run(CommandContext context, PrintWriter out) {
		onlyOptions(context, "allow-drop", "ignore-pending");
		GenerateOptions options = new GenerateOptions(flag(context, "allow-drop"), flag(context, "ignore-pending"));
		String description = String.join(" ", arguments(context)).replace("\"", "");
		if (description.isBlank()) {
			throw new SmallsValidationException("Say what the migration does, e.g. smalls generate add tags.",
					"Usage: " + USAGE);
		}
		GenerateResult result = this.generator.get().generate(description, options);
		if (result.written()) {
			out.println("  Created " + result.migration() + " in " + result.file());
			result.operations().forEach((operation) -> out.println("    " + operation));
		}
		else if (result.upToDate()) {
			out.println("The database matches the model: nothing to generate.");
		}
		else {
			out.println("Nothing written: what differs would only drop data.");
		}
		if (!result.withheld().isEmpty()) {
			out.println("  Not written, as they drop data" + (result.written() ? " (they are at the end of the file, "
					+ "commented out)" : "") + ":");
			result.withheld().forEach((operation) -> out.println("    " + operation));
			out.println("  To write them, run smalls generate " + description + " --allow-drop");
		}
		result.notes().forEach((note) -> out.println("  Note: " + note));
		if (result.written()) {
			out.println("Read it, build the application, then run: smalls migrate");
		}
		return ExitStatus.OK;
	}

	private boolean flag(CommandContext context, String name) {
		String value = option(context, name);
		if (value != null && !value.equals("true") && !value.equals("false")) {
			throw new SmallsValidationException("--" + name + " takes no value (or true/false), not '" + value + "'.",
					"Usage: " + USAGE);
		}
		return "true".equals(value);
	}

}
