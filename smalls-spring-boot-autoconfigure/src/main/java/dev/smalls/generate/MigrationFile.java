package dev.smalls.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsValidationException;

/**
 * Where the next migration goes, by the rules of {@code smalls create}: class
 * {@code M<NNNN><CamelCaseDescription>} in the configured directory and package, numbered one
 * above the highest sequence the code, the database history and the directory's files know.
 * The description only ever reaches the file as a snake-case name and a CamelCase class name,
 * and an existing file is never overwritten.
 *
 * @param directory the directory, {@code smalls.create.directory}
 * @param packageName the package, {@code smalls.create.package}
 */
record MigrationFile(Path directory, String packageName) {

	private static final Pattern JAVA_PACKAGE = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*");

	private static final Pattern NUMBERED_FILE = Pattern.compile("M(\\d+)[A-Za-z0-9_]*\\.java");

	private static final int MAX_NAME_LENGTH = 60;

	MigrationFile {
		if (!JAVA_PACKAGE.matcher(packageName).matches()) {
			throw new SmallsValidationException("'" + packageName + "' is not a Java package name.",
					"Set smalls.create.package to a package such as com.example.migrations.");
		}
	}

	/**
	 * The name a description makes.
	 * @param description what the migration does, in words
	 * @return the snake-case name
	 */
	static String name(String description) {
		String name = MigrationNames.toSnakeCase(description);
		if (name.isEmpty()) {
			throw new SmallsValidationException("The description '" + description + "' has no letters or digits to name "
					+ "the migration by.", "Describe the change in a few words, e.g. smalls generate add tags");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new SmallsValidationException("The description makes a name of " + name.length() + " characters; "
					+ "the limit is " + MAX_NAME_LENGTH + ".", "Describe the change in fewer words.");
		}
		return name;
	}

	/**
	 * The next sequence.
	 * @param highestKnownSequence the highest sequence the code or the database knows
	 * @return one above that and above the directory's files
	 */
	int nextSequence(int highestKnownSequence) {
		int sequence = Math.max(highestKnownSequence, highestFileSequence()) + 1;
		if (sequence > 9999) {
			throw new SmallsValidationException("The next sequence would be " + sequence + ".",
					"Sequences above 9999 still work, but check smalls.create.directory points at the migrations.");
		}
		return sequence;
	}

	static String className(int sequence, String name) {
		return "M" + MigrationNames.display(sequence) + Arrays.stream(name.split("_"))
			.map((part) -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
			.collect(Collectors.joining());
	}

	/**
	 * Write a new file, never over an existing one.
	 * @param className the class
	 * @param source its source
	 * @return the file
	 */
	Path write(String className, String source) {
		Path file = this.directory.resolve(className + ".java");
		try {
			Files.createDirectories(this.directory);
			Files.writeString(file, source, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
			return file;
		}
		catch (FileAlreadyExistsException ex) {
			throw new SmallsValidationException(file + " already exists; it was left as it is.",
					"Pick another description, or remove the file if it is yours to remove.");
		}
		catch (IOException ex) {
			throw new SmallsValidationException("Could not write " + file + ": " + ex.getMessage() + ".",
					"Check that smalls.create.directory is a writable directory.");
		}
	}

	private int highestFileSequence() {
		return files().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
	}

	/**
	 * The numbered migration files in the directory.
	 * @return each file's name by its sequence
	 */
	Map<Integer, String> files() {
		Map<Integer, String> files = new TreeMap<>();
		if (!Files.isDirectory(this.directory)) {
			return files;
		}
		try (Stream<Path> paths = Files.list(this.directory)) {
			paths.forEach((path) -> {
				Matcher matcher = NUMBERED_FILE.matcher(path.getFileName().toString());
				if (matcher.matches() && matcher.group(1).length() < 10) {
					files.put(Integer.parseInt(matcher.group(1)), path.getFileName().toString());
				}
			});
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
