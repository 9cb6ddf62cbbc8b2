package dev.smalls.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsValidationException;

/**
 * Writes new SQL-file migrations ({@code smalls create --sql-file}): a
 * {@code V0004__add_email.sql} file and its {@code U0004__add_email.sql} rollback, in the
 * folder of the project's SQL migrations.
 */
public final class SqlFileWriter {

	private static final Pattern NUMBERED_FILE = Pattern.compile("[VU](\\d{1,9})__.*\\.sql");

	private final Path directory;

	/**
	 * A writer into a folder.
	 * @param directory the folder of the SQL migrations, e.g.
	 * {@code src/main/resources/db/migration}
	 */
	public SqlFileWriter(Path directory) {
		this.directory = directory;
	}

	/**
	 * Where the files go.
	 * @return the folder
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Write the next numbered migration and its rollback, never over existing files.
	 * @param description what the migration does, in words
	 * @param highestKnownSequence the highest sequence the code or the database knows
	 * @return what was written
	 * @throws SmallsValidationException if the folder's parent does not exist, a file exists,
	 * or the description makes no name
	 */
	public Created create(String description, int highestKnownSequence) {
		String name = MigrationFileWriter.name(description);
		if (!nearlyExists(this.directory.toAbsolutePath())) {
			throw new SmallsValidationException("New SQL migrations are written to " + this.directory
					+ ", which does not exist here. Nothing was written.",
					"Run the command from the project's root directory, or make the first of smalls.sql.locations "
							+ "the folder of your SQL migrations.");
		}
		int sequence = Math.max(highestKnownSequence, highestFile()) + 1;
		String base = MigrationNames.display(sequence) + "__" + name + ".sql";
		Path migration = this.directory.resolve("V" + base);
		Path rollback = this.directory.resolve("U" + base);
		if (Files.exists(migration) || Files.exists(rollback)) {
			throw new SmallsValidationException(migration + " or " + rollback + " already exists; it was left as it is.",
					"Pick another description, or remove the file if it is yours to remove.");
		}
		write(migration, "-- " + MigrationNames.display(sequence, name) + ": " + description.strip() + "\n"
				+ "-- Statements end with ';'. They run in one transaction, unless the first line is\n"
				+ "-- smalls:no-transaction (e.g. for CREATE INDEX CONCURRENTLY, alone in its file).\n\n");
		write(rollback, "-- Undoes " + migration.getFileName() + ", run by smalls rollback. Without this file,\n"
				+ "-- smalls refuses to roll " + MigrationNames.display(sequence, name) + " back.\n\n");
		return new Created(migration, rollback, sequence, name);
	}

	/**
	 * The folder, or one of its two nearest parents ({@code src/main/resources} for
	 * {@code db/migration}), must exist: a tree of folders created wherever the command
	 * happened to run would hide the files from the project they were meant for.
	 */
	private static boolean nearlyExists(Path directory) {
		Path candidate = directory;
		for (int i = 0; i < 3 && candidate != null; i++) {
			if (Files.isDirectory(candidate)) {
				return true;
			}
			candidate = candidate.getParent();
		}
		return false;
	}

	private int highestFile() {
		if (!Files.isDirectory(this.directory)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((file) -> NUMBERED_FILE.matcher(file.getFileName().toString()))
				.filter(Matcher::matches)
				.mapToInt((matcher) -> Integer.parseInt(matcher.group(1)))
				.max()
				.orElse(0);
		}
		catch (IOException ex) {
			throw new SmallsValidationException("Could not read " + this.directory + ": " + ex.getMessage() + ".",
					"Check that the folder of the SQL migrations can be read.");
		}
	}

	private static void write(Path file, String content) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
		}
		catch (FileAlreadyExistsException ex) {
			throw new SmallsValidationException(file + " already exists; it was left as it is.",
					"Pick another description, or remove the file if it is yours to remove.");
		}
		catch (IOException ex) {
			throw new SmallsValidationException("Could not write " + file + ": " + ex.getMessage() + ".",
					"Check that the folder of the SQL migrations is writable.");
		}
	}

	/**
	 * The files written.
	 *
	 * @param file the {@code V} file
	 * @param rollbackFile the {@code U} file
	 * @param sequence the migration's sequence
	 * @param name its name
	 */
	public record Created(Path file, Path rollbackFile, int sequence, String name) {
	}

}
