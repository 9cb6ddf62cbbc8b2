package dev.smalls.commands;

import java.io.PrintWriter;

import dev.smalls.SmallsMigrator;

/**
 * {@code smalls seed [--force]}: run the seed scripts and seeder beans.
 */
public class SeedCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public SeedCommand(SmallsMigrator migrator) {
		super("seed", "Run the seed SQL scripts and SmallsSeeder beans; refused in forbidden profiles unless --force",
				"smalls seed [--force]", 0, Option.flag("force", "seed even in a forbidden profile"));
		this.migrator = migrator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		InitCommand.printSteps(out, this.migrator.seed("true".equals(line.option("force"))), "Seed");
	}

}
