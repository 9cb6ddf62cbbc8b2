package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.function.Supplier;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigrator;
import dev.smalls.commands.MigrationFileWriter.Template;

/**
 * {@code smalls create <description>}: write the next numbered migration file, a schema
 * migration, or with {@code --sql} one of {@code JdbcTemplate} code.
 */
public class CreateCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	private final Supplier<MigrationFileWriter> writer;

	public CreateCommand(SmallsMigrator migrator, Supplier<MigrationFileWriter> writer) {
		super("create", "Write a new numbered migration source file: schema operations, or with --sql "
				+ "migrate and rollback on a JdbcTemplate", "smalls create [--sql] <description words>",
				Integer.MAX_VALUE, Option.flag("sql", "write migrate and rollback on a JdbcTemplate instead"));
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
		boolean sql = "true".equals(line.option("sql"));
		MigrationFileWriter.Created created = this.writer.get()
			.create(description, highest, sql ? Template.SQL : Template.SCHEMA);
		out.println("  Created " + MigrationNames.display(created.sequence(), created.name()) + " in "
				+ created.file().toAbsolutePath().normalize());
		out.println(sql ? "Fill in migrate and rollback, then run: smalls migrate"
				: "Record its changes in change(Schema), see its SQL with smalls sql "
						+ MigrationNames.display(created.sequence()) + " once compiled, then run: smalls migrate");
	}

}
