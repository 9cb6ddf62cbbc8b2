package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.function.Supplier;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.schema.SquashResult;

/**
 * {@code smalls squash --through <seq>}: replay the migrations {@code 1..seq} on a scratch
 * schema, read the schema they build, and write one {@code SquashMigration} that builds it
 * on an empty database in their place (see {@link SmallsMigrator#squash}). The migrated
 * database is only read. Nothing is written when the squash would not build the same schema
 * (views, routines, triggers, sequences, keys the schema operations cannot express), or when
 * the replay left rows in tables, which a squash does not carry, unless
 * {@code --without-rows} says that new databases do without them.
 */
public class SquashCommand extends SmallsCommand {

	private final SmallsMigrator migrator;

	private final Supplier<MigrationFileWriter> writer;

	public SquashCommand(SmallsMigrator migrator, Supplier<MigrationFileWriter> writer) {
		super("squash", "Write one migration that builds, on an empty database, the schema that migrations 1..seq "
				+ "build (replayed on a scratch schema), to run there in their place; the database is only read",
				"smalls squash --through <seq> [--without-rows]", 0,
				Option.value("through", "the last migration to squash"), Option.flag("without-rows",
						"write the squash although the replay left rows in tables, which new databases then lack"));
		this.migrator = migrator;
		this.writer = writer;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		String throughText = line.option("through");
		if (throughText == null) {
			throw new UsageException("Say which migration to squash through, e.g. smalls squash --through 500.");
		}
		int through = number(throughText, "--through", 1);
		MigrationFileWriter writer = this.writer.get();
		// Before the replay, which takes a while: where the file goes must be known.
		writer.requireDirectory();
		SquashResult result = this.migrator.squash(through);
		String range = MigrationNames.display(1) + ".." + MigrationNames.display(through);
		out.println("  Replayed " + range + " on a scratch schema in " + result.replayMillis() + " ms");
		result.codeMigrations()
			.forEach((name) -> out.println("  Note: " + name + " runs code or SQL of its own: what it did to the "
					+ "tables is carried, anything else it did (grants, comments) is not"));
		if (!result.complete()) {
			result.notCarried().forEach((problem) -> out.println("  Not carried: " + problem));
			throw new SmallsValidationException("The squash of " + range + " would not build what they build: "
					+ result.notCarried().size() + " thing(s) listed above are not carried. Nothing was written.",
					"Squash through an earlier migration, before the first of them, or move them into migrations "
							+ "after " + MigrationNames.display(through) + ".");
		}
		if (!result.tablesWithRows().isEmpty() && !"true".equals(line.option("without-rows"))) {
			result.tablesWithRows()
				.forEach((table, rows) -> out.println("  Rows: " + table + " has " + rows + " after the replay"));
			throw new SmallsValidationException("The replay of " + range + " left rows in "
					+ result.tablesWithRows().size() + " table(s), listed above; a squash builds tables, not rows, so "
					+ "a new database built from it would lack them. Nothing was written.",
					"Move those rows into a migration after " + MigrationNames.display(through) + " (or a seed), or "
							+ "pass --without-rows if new databases do without them.");
		}
		out.println("  The squash built the same schema on a second scratch schema in " + result.squashMillis()
				+ " ms");
		String className = SquashSource.className(through);
		MigrationFileWriter.Created created = writer.write(className, through,
				"squash_" + MigrationNames.display(1) + "_" + MigrationNames.display(through),
				(packageName, squashClass, name, sequence) -> SquashSource.of(result, packageName, squashClass));
		out.println("  Wrote " + className + " in " + created.file().toAbsolutePath().normalize());
		out.println("Build it with the migrations: a database with none of " + range + " applied runs it in their "
				+ "place, one that applied any goes on with their classes. Once every database is past "
				+ MigrationNames.display(through) + ", delete the classes of " + range + " and keep the squash.");
	}

}
