package dev.smalls.generate;

import java.io.PrintWriter;
import java.util.function.Supplier;

import dev.smalls.commands.CommandLine;
import dev.smalls.commands.SmallsCommand;

/**
 * {@code smalls generate <description> [--allow-drop] [--ignore-pending]}: write the next
 * migration from the JPA model. The work is {@link MigrationGenerator}'s; this prints it.
 */
public class GenerateCommand extends SmallsCommand {

	private final Supplier<MigrationGenerator> generator;

	public GenerateCommand(Supplier<MigrationGenerator> generator) {
		super("generate", "Write the next migration from the JPA entities: what the database lacks, as schema "
				+ "operations with their rollback", "smalls generate <description words> [--allow-drop] [--ignore-pending]",
				Integer.MAX_VALUE,
				Option.flag("allow-drop", "write drops of removed tables and columns, which lose data, instead of "
						+ "comments"),
				Option.flag("ignore-pending", "generate even with migrations pending"));
		this.generator = generator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		String description = String.join(" ", line.arguments()).replace("\"", "");
		if (description.isBlank()) {
			throw new UsageException("Say what the migration does, e.g. smalls generate add tags.");
		}
		GenerateOptions options = new GenerateOptions("true".equals(line.option("allow-drop")),
				"true".equals(line.option("ignore-pending")));
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
	}

}
