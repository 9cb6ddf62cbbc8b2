package dev.smalls.commands;

import java.io.PrintWriter;

import dev.smalls.SmallsMigrator;
import dev.smalls.StepsResult;

/**
 * {@code smalls init}: run the init scripts and initializer beans.
 */
public class InitCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public InitCommand(SmallsMigrator migrator) {
		super("init", "Run the init SQL scripts (smalls.init.locations) and SmallsInitializer beans", "smalls init", 0);
		this.migrator = migrator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		printSteps(out, this.migrator.init(), "Init");
	}

	static void printSteps(PrintWriter out, StepsResult result, String what) {
		if (result.steps().isEmpty()) {
			out.println(what + ": nothing to run (no scripts found, no beans defined).");
			return;
		}
		result.steps().forEach((step) -> out.println("  " + step.description() + " ... done (" + step.millis() + " ms)"));
		out.println(what + " is complete.");
	}

}
