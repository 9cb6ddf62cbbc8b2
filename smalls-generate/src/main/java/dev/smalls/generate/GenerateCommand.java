package dev.smalls.generate;

import java.io.PrintWriter;
import java.util.function.Supplier;

import dev.smalls.commands.CommandLine;
import dev.smalls.commands.SmallsCommand;

/**
 * {@code smalls generate <description> [--allow-drop] [--ignore-pending]}: write the next
 * migration from the JPA model; {@code smalls generate --check}: write nothing, say what it
 * would write, and end with {@link SmallsCommand#FINDINGS} (exit code 3) when there is
 * anything, for a CI gate. The work is {@link MigrationGenerator}'s; this prints it.
 */
public class GenerateCommand extends SmallsCommand {

	private final Supplier<MigrationGenerator> generator;

	public GenerateCommand(Supplier<MigrationGenerator> generator) {
		super("generate", "Write the next migration from the JPA entities: what the database lacks, as schema "
				+ "operations with their rollback; --check writes nothing and exits 3 if there is anything to write",
				"smalls generate <description words> [--allow-drop] [--ignore-pending], "
						+ "or smalls generate --check [--ignore-pending]",
				Integer.MAX_VALUE,
				Option.flag("allow-drop", "write drops of removed tables and columns, which lose data, instead of "
						+ "comments"),
				Option.flag("ignore-pending", "generate (or check) even with migrations pending"),
				Option.flag("check", "write nothing: say what generate would write, and exit with 3 if anything, "
						+ "0 if the database matches the model"));
		this.generator = generator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		String description = String.join(" ", line.arguments()).replace("\"", "");
		GenerateOptions options = new GenerateOptions("true".equals(line.option("allow-drop")),
				"true".equals(line.option("ignore-pending")));
		if ("true".equals(line.option("check"))) {
			if (!description.isBlank()) {
				throw new UsageException("--check writes nothing, so it takes no description: smalls generate --check.");
			}
			check(this.generator.get().check(options), options.allowDrop(), out);
			return;
		}
		if (description.isBlank()) {
			throw new UsageException("Say what the migration does, e.g. smalls generate add tags.");
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
	}

	/**
	 * What a check found, in generate's words; a difference ends the command with
	 * {@link SmallsCommand#FINDINGS}.
	 */
	private static void check(GenerateResult result, boolean allowDrop, PrintWriter out) {
		if (!result.pending().isEmpty()) {
			out.println("Compared with the database as it is (--ignore-pending): " + result.pending().size()
					+ " migration" + ((result.pending().size() == 1) ? " is" : "s are") + " pending ("
					+ String.join("; ", result.pending()) + "), and what "
					+ ((result.pending().size() == 1) ? "it does" : "they do") + " is not counted.");
		}
		if (result.upToDate()) {
			out.println("The database matches the model: nothing to generate.");
			result.notes().forEach((note) -> out.println("  Note: " + note));
			return;
		}
		out.println("The database does not match the model. Nothing was written (--check).");
		String allowingDrops = allowDrop ? " --allow-drop" : "";
		if (!result.operations().isEmpty()) {
			out.println("  smalls generate" + allowingDrops + " would write:");
			result.operations().forEach((operation) -> out.println("    " + operation));
		}
		if (!result.withheld().isEmpty()) {
			out.println("  Not written, as they drop data" + (result.operations().isEmpty() ? ""
					: " (they would be at the end of the file, commented out)") + ":");
			result.withheld().forEach((operation) -> out.println("    " + operation));
		}
		result.notes().forEach((note) -> out.println("  Note: " + note));
		String drops = result.withheld().isEmpty() ? ""
				: result.operations().isEmpty() ? " --allow-drop" : " (with --allow-drop to write the drops too)";
		out.println("To write the migration, run: smalls generate <description>" + allowingDrops + drops
				+ ", then build the application and run: smalls migrate");
		throw new FindingsException("the database does not match the model");
	}

}
