package dev.smalls.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsValidationException;

/**
 * Writes a new, numbered migration source file. The description only ever reaches the file
 * as a snake-case name and a CamelCase class name, so it cannot escape the directory, break
 * out of a comment or a string, or overwrite anything.
 */
public final class MigrationFileWriter {

	private static final Pattern JAVA_PACKAGE = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*");

	private static final Pattern NUMBERED_FILE = Pattern.compile("M(\\d{1,9})(?:[A-Z_][A-Za-z0-9_]*)?\\.java");

	private static final Pattern SEQUENCE_METHOD = Pattern
		.compile("int\\s+sequence\\s*\\(\\s*\\)\\s*\\{\\s*return\\s+(\\d{1,9})\\s*;");

	private static final int MAX_NAME_LENGTH = 60;

	private final Path directory;

	private final String packageName;

	public MigrationFileWriter(Path directory, String packageName) {
		if (!JAVA_PACKAGE.matcher(packageName).matches()) {
			throw new SmallsValidationException("'" + packageName + "' is not a Java package name.",
					"Set smalls.create.package to a package such as com.example.migrations.");
		}
		this.directory = directory;
		this.packageName = packageName;
	}

	/**
	 * Write the next migration, a {@code SchemaMigration}.
	 * @param description what the migration does, in words
	 * @param highestKnownSequence the highest sequence the code or the database knows
	 * @return the file written
	 */
	public Created create(String description, int highestKnownSequence) {
		return create(description, highestKnownSequence, Template.SCHEMA);
	}

	/**
	 * Write the next migration.
	 * @param description what the migration does, in words
	 * @param highestKnownSequence the highest sequence the code or the database knows
	 * @param template the kind of migration to write
	 * @return the file written
	 */
	public Created create(String description, int highestKnownSequence, Template template) {
		String name = MigrationNames.toSnakeCase(Transliteration.toAscii(description));
		if (name.isEmpty()) {
			throw new SmallsValidationException("The description '" + CommandLine.shown(description)
					+ "' has no letters or digits to name the migration by.",
					"Describe the change in a few words, e.g. smalls create add email to users");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new SmallsValidationException("The description makes a name of " + name.length() + " characters; "
					+ "the limit is " + MAX_NAME_LENGTH + ".", "Describe the change in fewer words.");
		}
		Path directory = this.directory.toAbsolutePath().normalize();
		requireDirectory(directory);
		NumberedFile highestFile = highestFile(directory);
		int sequence = Math.max(highestKnownSequence, highestFile.sequence()) + 1;
		if (sequence > 9999) {
			throw new SmallsValidationException("The next sequence would be " + sequence + ((highestFile.sequence()
					> highestKnownSequence) ? ", after " + highestFile.file().getFileName() : "") + ".",
					"Sequences above 9999 still work, but check that smalls.create.directory points at the "
							+ "migrations and that the highest one is numbered as you meant.");
		}
		String className = className(sequence, name);
		Path file = directory.resolve(className + ".java");
		try {
			Files.createDirectories(directory);
			String source = switch (template) {
				case SCHEMA -> MigrationTemplates.schema(this.packageName, className, name, sequence);
				case SQL -> MigrationTemplates.sql(this.packageName, className, name, sequence);
			};
			Files.writeString(file, source, StandardCharsets.UTF_8,
					StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		}
		catch (FileAlreadyExistsException ex) {
			throw new SmallsValidationException(file + " already exists; it was left as it is.",
					"Pick another description, or remove the file if it is yours to remove.");
		}
		catch (IOException ex) {
			throw new SmallsValidationException("Could not write " + file + ": " + ex.getMessage() + ".",
					"Check that smalls.create.directory is a writable directory.");
		}
		return new Created(file, sequence, name, className);
	}

	/**
	 * The directory, or at least its parent, must exist: a tree of folders created wherever
	 * the command happened to run would hide the file from the project it was meant for.
	 */
	private static void requireDirectory(Path directory) {
		Path parent = directory.getParent();
		if (!Files.isDirectory(directory) && (parent == null || !Files.isDirectory(parent))) {
			throw new SmallsValidationException("smalls create writes new migrations to " + directory
					+ ", which does not exist here. Nothing was written.",
					"Run smalls create from the project's root directory, or set smalls.create.directory to the "
							+ "folder of the migrations' sources.");
		}
	}

	/**
	 * {@code M0004AddEmail}, or {@code M0004_2024Cleanup} for a name that starts with a
	 * digit, so that the name's digits are never read as part of the sequence.
	 */
	static String className(int sequence, String name) {
		String camel = camelCase(name);
		return "M" + MigrationNames.display(sequence) + (Character.isDigit(camel.charAt(0)) ? "_" : "") + camel;
	}

	/**
	 * The highest sequence among the migration files already there, compiled or not: the one
	 * {@code sequence()} returns where the source says it plainly, else the file name's.
	 */
	private static NumberedFile highestFile(Path directory) {
		NumberedFile highest = new NumberedFile(directory, 0);
		if (!Files.isDirectory(directory)) {
			return highest;
		}
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Matcher name = NUMBERED_FILE.matcher(file.getFileName().toString());
				if (name.matches()) {
					Matcher source = SEQUENCE_METHOD.matcher(Files.readString(file, StandardCharsets.UTF_8));
					int sequence = Integer.parseInt(source.find() ? source.group(1) : name.group(1));
					highest = (sequence > highest.sequence()) ? new NumberedFile(file, sequence) : highest;
				}
			}
			return highest;
		}
		catch (IOException | NumberFormatException ex) {
			throw new SmallsValidationException("Could not read the migrations in " + directory + ": " + ex.getMessage()
					+ ".", "Check that smalls.create.directory is a readable directory of migration sources.");
		}
	}

	private static String camelCase(String snake) {
		return Arrays.stream(snake.split("_"))
			.map((part) -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
			.collect(Collectors.joining());
	}

	/**
	 * A migration file that was written.
	 *
	 * @param file the file
	 * @param sequence its sequence
	 * @param name its name
	 * @param className its class name
	 */
	public record Created(Path file, int sequence, String name, String className) {
	}

	/**
	 * The kinds of migration {@code smalls create} writes.
	 */
	public enum Template {

		/** A {@code SchemaMigration}: schema operations, whose rollback and DDL smalls derives. */
		SCHEMA,

		/** A {@code SmallsMigration} with {@code migrate} and {@code rollback} on a {@code JdbcTemplate}. */
		SQL

	}

	private record NumberedFile(Path file, int sequence) {
	}

}
