package dev.smalls.shell;

import java.io.PrintWriter;
import java.util.function.Supplier;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigrator;

/**
 * {@code smalls create <description>}: write the next numbered migration file.
 */
public class CreateCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	private final Supplier<MigrationFileWriter> writer;

	public CreateCommand(SmallsMigrator migrator, Supplier<MigrationFileWriter> writer) {
		super("create", "Write a new numbered migration source file with migrate and rollback to fill in",
				"smalls create <description words>", Integer.MAX_VALUE);
		this.migrator = migrator;
		this.writer = writer;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		String description = String.join(" ", line.arguments()).replace("\"", "");
		if (description.isBlank()) {
			throw new UsageException("Say what the migration does, e.g. smalls create add email to users.");
		}
		int highest = this.migrator.status()
			.migrations()
			.stream()
			.mapToInt(MigrationInfo::sequence)
			.max()
			.orElse(0);
		MigrationFileWriter.Created created = this.writer.get().create(description, highest);
		out.println("  Created " + MigrationNames.display(created.sequence(), created.name()) + " in "
				+ created.file().toAbsolutePath().normalize());
		out.println("Fill in migrate and rollback, then run: smalls migrate");
	}

}
