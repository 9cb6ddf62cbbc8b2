package dev.smalls.commands;

import java.util.List;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationStatus;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;

/**
 * What {@code status} and {@code migrate} say about the project's migration sources, which the
 * migrator cannot know: a file written into {@code smalls.create.directory} (by
 * {@code smalls create}, {@code smalls generate} or by hand) but not built, so not a migration
 * bean yet; and how to write the first migration. Only a hint: where new migrations go may be
 * unknown, or not there (a packaged application on a server), and then it says nothing.
 */
public final class MigrationSources {

	private static final Log logger = LogFactory.getLog(MigrationSources.class);

	private final Supplier<@Nullable MigrationFileWriter> files;

	private final boolean generate;

	/**
	 * The project's migration sources.
	 * @param files where new migrations are written; it may throw if that is not known
	 * @param generate whether {@code smalls generate} can write migrations in this application
	 */
	public MigrationSources(Supplier<@Nullable MigrationFileWriter> files, boolean generate) {
		this.files = files;
		this.generate = generate;
	}

	/**
	 * Nothing known of the sources: no file is reported, and only {@code smalls create}
	 * suggested.
	 * @return the sources
	 */
	static MigrationSources unknown() {
		return new MigrationSources(() -> null, false);
	}

	/**
	 * How to write the first migration.
	 * @return the commands, in a sentence
	 */
	String howToWriteTheFirst() {
		return "Create one with: smalls create <description>" + (this.generate
				? ", or write the first from your JPA entities with: smalls generate <description>" : "");
	}

	/**
	 * A line for each migration file written and not built.
	 * @param migrator the migrator, whose migrations the code has
	 * @param status what the code and the database know, read only if there are files
	 * @param consequence what the command did not do about such a file, e.g. "did not apply it"
	 * @return the lines, each naming a file and saying what to do
	 */
	List<String> notBuilt(SmallsMigrator migrator, Supplier<MigrationStatus> status, String consequence) {
		try {
			MigrationFileWriter files = this.files.get();
			if (files == null || files.files().isEmpty()) {
				return List.of();
			}
			return files.notBuilt(status.get(), migrator.getMigrations())
				.stream()
				.map((file) -> file + " in " + files.directory() + " is written but not built, so smalls " + consequence
						+ ": build the application, then run: smalls migrate")
				.toList();
		}
		catch (SmallsException ex) {
			logger.debug("Could not look for migration files written and not built", ex);
			return List.of();
		}
	}

}
