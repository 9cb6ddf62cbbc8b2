package dev.smalls.commands;

import java.io.PrintWriter;

import dev.smalls.SmallsMigrator;
import dev.smalls.SqlPreview;

/**
 * {@code smalls sql <sequence> [--rollback]}: the statements a schema migration would run on
 * this database, or its rollback, without running them. A migration written as code has no
 * SQL to show until it runs, and says so.
 */
public class SqlCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	public SqlCommand(SmallsMigrator migrator) {
		super("sql", "Show the SQL a schema migration would run on this database, or its rollback, without running it",
				"smalls sql <sequence> [--rollback]", 1,
				Option.flag("rollback", "show the statements that would roll it back"));
		this.migrator = migrator;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		if (line.arguments().isEmpty()) {
			throw new UsageException("Name the migration by its sequence, e.g. smalls sql 0004.");
		}
		int sequence = number(line.arguments().get(0), "The sequence", 1);
		SqlPreview preview = this.migrator.sql(sequence, "true".equals(line.option("rollback")));
		preview.lines().forEach(out::println);
	}

}
