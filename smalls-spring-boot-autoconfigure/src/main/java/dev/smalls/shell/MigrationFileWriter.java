package dev.smalls.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
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

	private static final Pattern NUMBERED_FILE = Pattern.compile("M(\\d+)[A-Za-z0-9_]*\\.java");

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
	 * Write the next migration.
	 * @param description what the migration does, in words
	 * @param highestKnownSequence the highest sequence the code or the database knows
	 * @return the file written
	 */
	public Created create(String description, int highestKnownSequence) {
		String name = MigrationNames.toSnakeCase(description);
		if (name.isEmpty()) {
			throw new SmallsValidationException("The description '" + description + "' has no letters or digits to name "
					+ "the migration by.", "Describe the change in a few words, e.g. smalls create add email to users");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new SmallsValidationException("The description makes a name of " + name.length() + " characters; "
					+ "the limit is " + MAX_NAME_LENGTH + ".", "Describe the change in fewer words.");
		}
		int sequence = Math.max(highestKnownSequence, highestFileSequence()) + 1;
		if (sequence > 9999) {
			throw new SmallsValidationException("The next sequence would be " + sequence + ".",
					"Sequences above 9999 still work, but check smalls.create.directory points at the migrations.");
		}
		String className = "M" + MigrationNames.display(sequence) + camelCase(name);
		Path file = this.directory.resolve(className + ".java");
		try {
			Files.createDirectories(this.directory);
			Files.writeString(file, source(className, sequence, name), StandardCharsets.UTF_8,
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

	private int highestFileSequence() {
		if (!Files.isDirectory(this.directory)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((path) -> NUMBERED_FILE.matcher(path.getFileName().toString()))
				.filter(Matcher::matches)
				.mapToInt((matcher) -> Integer.parseInt(matcher.group(1)))
				.max()
				.orElse(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String camelCase(String snake) {
		return Arrays.stream(snake.split("_"))
			.map((part) -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
			.collect(Collectors.joining());
	}

	private String source(String className, int sequence, String name) {
		return """
				package %1$s;

				import org.springframework.jdbc.core.JdbcTemplate;
				import org.springframework.stereotype.Component;

				import dev.smalls.SmallsMigration;

				/**
				 * %3$s.
				 */
				@Component
				public class %2$s implements SmallsMigration {

					@Override
					public int sequence() {
						return %4$d;
					}

					@Override
					public String name() {
						return "%3$s";
					}

					@Override
					public void migrate(JdbcTemplate jdbc) {
						// jdbc.execute("...");
					}

					@Override
					public void rollback(JdbcTemplate jdbc) {
						// Undo migrate(), last change first.
					}

					/*
					 * Common changes, migrate and rollback side by side. The JdbcTemplate runs in this
					 * migration's transaction; on MariaDB, MySQL and H2 each DDL statement commits at once,
					 * so keep one DDL statement per migration there.
					 *
					 * Create a table  jdbc.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(200) NOT NULL)");
					 *                 jdbc.execute("DROP TABLE users");
					 * Add a column    jdbc.execute("ALTER TABLE users ADD COLUMN reset_count INT DEFAULT 0 NOT NULL");
					 *                 jdbc.execute("ALTER TABLE users DROP COLUMN reset_count");
					 * Rename a column jdbc.execute("ALTER TABLE users RENAME COLUMN email TO email_address");
					 *                 jdbc.execute("ALTER TABLE users RENAME COLUMN email_address TO email");
					 * Drop a column   save what rollback needs first: a dropped column's data is gone
					 *                 jdbc.execute("ALTER TABLE users DROP COLUMN nickname");
					 *                 jdbc.execute("ALTER TABLE users ADD COLUMN nickname VARCHAR(100)");
					 * Add an index    jdbc.execute("CREATE INDEX users_email_idx ON users (email)");
					 *                 jdbc.execute("DROP INDEX users_email_idx");  (MariaDB/MySQL: DROP INDEX users_email_idx ON users)
					 * Update data     jdbc.update("UPDATE users SET reset_count = 0 WHERE reset_count IS NULL");
					 *                 jdbc.update("UPDATE users SET status = ? WHERE status = ?", "open", "new");
					 */

				}
				""".formatted(this.packageName, className, name, sequence);
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

}
