package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.function.Supplier;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.commands.MigrationFileWriter.Template;

/**
 * {@code smalls create <description>}: write the next numbered migration file, a schema
 * migration, or with {@code --sql} one of {@code JdbcTemplate} code, or with
 * {@code --sql-file} a {@code V<n>__<name>.sql} file and its {@code U<n>__<name>.sql} rollback.
 */
public class CreateCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	private final Supplier<MigrationFileWriter> writer;

	private final Supplier<SqlFileWriter> sqlFiles;

	public CreateCommand(SmallsMigrator migrator, Supplier<MigrationFileWriter> writer) {
		this(migrator, writer, () -> {
			throw new SmallsValidationException("This application does not say where its SQL migrations are, so "
					+ "smalls create --sql-file cannot write one. Nothing was written.",
					"Write the V<n>__<name>.sql file by hand, or create a migration class without --sql-file.");
		});
	}

	public CreateCommand(SmallsMigrator migrator, Supplier<MigrationFileWriter> writer,
			Supplier<SqlFileWriter> sqlFiles) {
		super("create", "Write a new numbered migration source file: schema operations, or with --sql "
				+ "migrate and rollback on a JdbcTemplate, or with --sql-file V<n>__<name>.sql and "
				+ "U<n>__<name>.sql files", "smalls create [--sql | --sql-file] <description words>",
				Integer.MAX_VALUE, Option.flag("sql", "write migrate and rollback on a JdbcTemplate instead"),
				Option.flag("sql-file", "write a V<n>__<name>.sql file and its U<n>__<name>.sql rollback instead"));
		this.migrator = migrator;
		this.writer = writer;
		this.sqlFiles = sqlFiles;
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
		if ("true".equals(line.option("sql-file"))) {
			if (sql) {
				throw new UsageException("Choose --sql (a class of JdbcTemplate code) or --sql-file (SQL files), "
						+ "not both.");
			}
			SqlFileWriter.Created created = this.sqlFiles.get().create(description, highest);
			out.println("  Created " + MigrationNames.display(created.sequence(), created.name()) + " in "
					+ created.file().toAbsolutePath().normalize());
			out.println("  and its rollback " + created.rollbackFile().toAbsolutePath().normalize());
			out.println("Write its statements and their undoing, build, then run: smalls migrate");
			return;
		}
		MigrationFileWriter.Created created = this.writer.get()
			.create(description, highest, sql ? Template.SQL : Template.SCHEMA);
		out.println("  Created " + MigrationNames.display(created.sequence(), created.name()) + " in "
				+ created.file().toAbsolutePath().normalize());
		out.println(sql ? "Fill in migrate and rollback, then run: smalls migrate"
				: "Record its changes in change(Schema), see its SQL with smalls sql "
						+ MigrationNames.display(created.sequence()) + " once compiled, then run: smalls migrate");
	}

}
