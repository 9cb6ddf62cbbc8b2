package dev.smalls.shell;

import java.io.PrintWriter;

import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;

import dev.smalls.SmallsMigrator;

/**
 * {@code smalls seed [--force]}: run the seed scripts and seeder beans.
 */
public class SeedCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public SeedCommand(SmallsMigrator migrator, ShellExitCode exitCode) {
		super("seed", "Run the seed SQL scripts and SmallsSeeder beans; refused in forbidden profiles unless --force",
				"smalls seed [--force]", exitCode,
				CommandOption.with().longName("force").description("seed even in a forbidden profile").type(boolean.class).build());
		this.migrator = migrator;
	}

	@Override
	protected ExitStatus run(CommandContext context, PrintWriter out) {
		onlyOptions(context, "force");
		String force = option(context, "force");
		if (force != null && !force.equals("true") && !force.equals("false")) {
			throw new UsageException("--force takes no value (or true/false), not '" + force + "'.");
		}
		InitCommand.printSteps(out, this.migrator.seed("true".equals(force)), "Seed");
		return ExitStatus.OK;
	}

}
