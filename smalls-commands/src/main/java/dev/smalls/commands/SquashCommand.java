package dev.smalls.commands;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

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

	private static final Option WITHOUT_ROWS = Option.flag("without-rows",
			"write the squash although the replay left rows in tables, which new databases then lack");

	private final SmallsMigrator migrator;

	private final Supplier<MigrationFileWriter> writer;

	public SquashCommand(SmallsMigrator migrator, Supplier<MigrationFileWriter> writer) {
		super("squash", "Write one migration that builds, on an empty database, the schema that migrations 1..seq "
				+ "build (replayed on a scratch schema), to run there in their place; the database is only read",
				"smalls squash --through <seq> [--without-rows] [--json]", 0,
				Option.value("through", "the last migration to squash"), WITHOUT_ROWS, JSON);
		this.migrator = migrator;
		this.writer = writer;
	}

	@Override
	protected void run(CommandLine line, PrintWriter out) {
		int through = through(line);
		MigrationFileWriter writer = this.writer.get();
		// Before the replay, which takes a while: where the file goes must be known.
		writer.requireDirectory();
		SquashResult result = this.migrator.squash(through);
		String range = range(through);
		out.println("  Replayed " + range + " on a scratch schema in " + result.replayMillis() + " ms");
		result.codeMigrations()
			.forEach((name) -> out.println("  Note: " + name + " runs code or SQL of its own: what it did to the "
					+ "tables is carried, anything else it did (grants, comments) is not"));
		if (!result.complete()) {
			result.notCarried().forEach((problem) -> out.println("  Not carried: " + problem));
			throw notCarried(result, "listed above");
		}
		if (rowsRefused(line, result)) {
			result.tablesWithRows()
				.forEach((table, rows) -> out.println("  Rows: " + table + " has " + rows + " after the replay"));
			throw rowsLeft(result, "listed above");
		}
		out.println("  The squash built the same schema on a second scratch schema in " + result.squashMillis()
				+ " ms");
		MigrationFileWriter.Created created = write(writer, result);
		out.println("  Wrote " + created.className() + " in " + created.file().toAbsolutePath().normalize());
		out.println("Build it with the migrations: a database with none of " + range + " applied runs it in their "
				+ "place, one that applied any goes on with their classes. Once every database is past "
				+ MigrationNames.display(through) + ", delete the classes of " + range + " and keep the squash.");
	}

	/**
	 * {@code through}, {@code replayMillis}, {@code squashMillis}, {@code codeMigrations},
	 * {@code notCarried}, {@code tablesWithRows} (by table, in name order), {@code className}
	 * and {@code file} (absolute; both {@code null} when nothing was written). A refusal
	 * keeps the lists, and adds {@code error} and {@code action}.
	 */
	@Override
	protected void runJson(CommandLine line, Map<String, @Nullable Object> document) {
		int through = through(line);
		MigrationFileWriter writer = this.writer.get();
		writer.requireDirectory();
		document.put("through", through);
		SquashResult result = this.migrator.squash(through);
		document.put("replayMillis", result.replayMillis());
		document.put("squashMillis", result.squashMillis());
		document.put("codeMigrations", result.codeMigrations());
		document.put("notCarried", result.notCarried());
		document.put("tablesWithRows", new TreeMap<>(result.tablesWithRows()));
		document.put("className", null);
		document.put("file", null);
		if (!result.complete()) {
			throw notCarried(result, "listed in notCarried");
		}
		if (rowsRefused(line, result)) {
			throw rowsLeft(result, "listed in tablesWithRows");
		}
		MigrationFileWriter.Created created = write(writer, result);
		document.put("className", created.className());
		document.put("file", created.file().toAbsolutePath().normalize().toString());
	}

	private static int through(CommandLine line) {
		String throughText = line.option("through");
		if (throughText == null) {
			throw new UsageException("Say which migration to squash through, e.g. smalls squash --through 500.");
		}
		return number(throughText, "--through", 1);
	}

	private static boolean rowsRefused(CommandLine line, SquashResult result) {
		return !result.tablesWithRows().isEmpty() && !"true".equals(line.option(WITHOUT_ROWS.name()));
	}

	private static SmallsValidationException notCarried(SquashResult result, String where) {
		return new SmallsValidationException("The squash of " + range(result.through()) + " would not build what "
				+ "they build: " + result.notCarried().size() + " thing(s) " + where + " are not carried. Nothing was "
				+ "written.", "Squash through an earlier migration, before the first of them, or move them into "
						+ "migrations after " + MigrationNames.display(result.through()) + ".");
	}

	private static SmallsValidationException rowsLeft(SquashResult result, String where) {
		return new SmallsValidationException("The replay of " + range(result.through()) + " left rows in "
				+ result.tablesWithRows().size() + " table(s), " + where + "; a squash builds tables, not rows, so a "
				+ "new database built from it would lack them. Nothing was written.", "Move those rows into a "
						+ "migration after " + MigrationNames.display(result.through()) + " (or a seed), or pass "
						+ "--without-rows if new databases do without them.");
	}

	private static MigrationFileWriter.Created write(MigrationFileWriter writer, SquashResult result) {
		int through = result.through();
		return writer.write(SquashSource.className(through), through,
				"squash_" + MigrationNames.display(1) + "_" + MigrationNames.display(through),
				(packageName, squashClass, name, sequence) -> SquashSource.of(result, packageName, squashClass));
	}

	private static String range(int through) {
		return MigrationNames.display(1) + ".." + MigrationNames.display(through);
	}

}
