package dev.smalls.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationStatus;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
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
		String name = name(description);
		return write(nextSequence(highestKnownSequence), name, switch (template) {
			case SCHEMA -> MigrationTemplates::schema;
			case SQL -> MigrationTemplates::sql;
		});
	}

	/**
	 * The name a description makes: snake case, letters transliterated to ASCII.
	 * @param description what the migration does, in words
	 * @return the name
	 * @throws SmallsValidationException if the description makes no name, or too long a one
	 */
	public static String name(String description) {
		String name = MigrationNames.toSnakeCase(Transliteration.toAscii(description));
		if (name.isEmpty()) {
			throw new SmallsValidationException("The description '" + CommandLine.shown(description)
					+ "' has no letters or digits to name the migration by.",
					"Describe the change in a few words, e.g. add email to users");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new SmallsValidationException("The description makes a name of " + name.length() + " characters; "
					+ "the limit is " + MAX_NAME_LENGTH + ".", "Describe the change in fewer words.");
		}
		return name;
	}

	/**
	 * The sequence of the next migration: one above the highest the code, the database and
	 * the directory's files know.
	 * @param highestKnownSequence the highest sequence the code or the database knows
	 * @return the next sequence
	 * @throws SmallsValidationException if the directory is not there, or the sequence is
	 * suspiciously high
	 */
	public int nextSequence(int highestKnownSequence) {
		Path directory = directory();
		requireDirectory(directory);
		NumberedFile highestFile = numberedFiles(directory).stream()
			.max(Comparator.comparingInt(NumberedFile::sequence))
			.orElse(new NumberedFile(directory, 0));
		int sequence = Math.max(highestKnownSequence, highestFile.sequence()) + 1;
		if (sequence > 9999) {
			throw new SmallsValidationException("The next sequence would be " + sequence + ((highestFile.sequence()
					> highestKnownSequence) ? ", after " + highestFile.file().getFileName() : "") + ".",
					"Sequences above 9999 still work, but check that smalls.create.directory points at the "
							+ "migrations and that the highest one is numbered as you meant.");
		}
		return sequence;
	}

	/**
	 * Write a migration file, never over an existing one.
	 * @param sequence its sequence, from {@link #nextSequence}
	 * @param name its name, from {@link #name}
	 * @param source its source, given the package, class name, name and sequence
	 * @return the file written
	 */
	public Created write(int sequence, String name, Source source) {
		return write(className(sequence, name), sequence, name, source);
	}

	/**
	 * Write a migration file of a class name of its own, never over an existing one: a squash,
	 * {@code Squash0001To0500}, which is not numbered as a new migration.
	 * @param className its class name, a Java identifier
	 * @param sequence its sequence
	 * @param name its name
	 * @param source its source, given the package, class name, name and sequence
	 * @return the file written
	 */
	public Created write(String className, int sequence, String name, Source source) {
		requireDirectory(directory());
		Path file = directory().resolve(className + ".java");
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, source.of(this.packageName, className, name, sequence), StandardCharsets.UTF_8,
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
	 * The numbered migration files in the directory, compiled or not.
	 * @return each file's name by its sequence
	 */
	Map<Integer, String> files() {
		Map<Integer, String> files = new TreeMap<>();
		numberedFiles(directory()).forEach((file) -> files.put(file.sequence(), file.file().getFileName().toString()));
		return files;
	}

	/**
	 * The numbered migration files in the directory that neither the code nor the database
	 * knows: written (by {@code smalls create}, {@code smalls generate} or by hand) and not
	 * built into the application yet, so no migration bean. The code's migrations are given
	 * beside the status: where a squash runs in place of the migrations it replaces, status
	 * lists the squash, not them.
	 * @param status what the database knows, and the code as migrate runs it there
	 * @param code the migrations in the code ({@link SmallsMigrator#getMigrations()})
	 * @return the files' names, in sequence order
	 */
	public List<String> notBuilt(MigrationStatus status, List<? extends SmallsMigration> code) {
		Set<Integer> known = status.migrations().stream().map(MigrationInfo::sequence).collect(Collectors.toSet());
		code.forEach((migration) -> known.add(migration.sequence()));
		return files().entrySet()
			.stream()
			.filter((file) -> !known.contains(file.getKey()))
			.map(Map.Entry::getValue)
			.toList();
	}

	/**
	 * Where new migration files go.
	 * @return the directory, absolute
	 */
	Path directory() {
		return this.directory.toAbsolutePath().normalize();
	}

	/**
	 * Refuse to go on when new migrations cannot be written where they are to go.
	 * @throws SmallsValidationException if the directory, or its parent, does not exist
	 */
	void requireDirectory() {
		requireDirectory(directory());
	}

	/**
	 * The directory, or at least its parent, must exist: a tree of folders created wherever
	 * the command happened to run would hide the file from the project it was meant for.
	 */
	private static void requireDirectory(Path directory) {
		Path parent = directory.getParent();
		if (!Files.isDirectory(directory) && (parent == null || !Files.isDirectory(parent))) {
			throw new SmallsValidationException("New migrations are written to " + directory
					+ ", which does not exist here. Nothing was written.",
					"Run the command from the project's root directory, or set smalls.create.directory to the "
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
	 * The numbered migration files already there, compiled or not, each with the sequence its
	 * {@code sequence()} returns where the source says it plainly, else its file name's.
	 */
	private static List<NumberedFile> numberedFiles(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		List<NumberedFile> numbered = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Matcher name = NUMBERED_FILE.matcher(file.getFileName().toString());
				if (name.matches()) {
					Matcher source = SEQUENCE_METHOD.matcher(Files.readString(file, StandardCharsets.UTF_8));
					numbered.add(new NumberedFile(file, Integer.parseInt(source.find() ? source.group(1) : name.group(1))));
				}
			}
			return numbered;
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
	 * The source of a migration file.
	 */
	@FunctionalInterface
	public interface Source {

		/**
		 * The source.
		 * @param packageName its package
		 * @param className its class
		 * @param name its name
		 * @param sequence its sequence
		 * @return the Java source
		 */
		String of(String packageName, String className, String name, int sequence);

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
