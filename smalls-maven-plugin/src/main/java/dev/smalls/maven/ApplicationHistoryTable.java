package dev.smalls.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.maven.plugin.MojoFailureException;

/**
 * The history table the application names in its {@code application.properties}
 * ({@code smalls.table}), checked against the plugin's {@code <table>}. The plugin reads no
 * Spring configuration otherwise, and a goal on another table than the application's would see
 * every migration as pending: {@code migrate} would run them all again.
 */
final class ApplicationHistoryTable {

	private static final String PROPERTY = "smalls.table";

	private ApplicationHistoryTable() {
	}

	/**
	 * Refuse to run on another history table than the one the application names.
	 * @param classes the project's output directory, where its {@code application.properties} is
	 * @param table the plugin's history table
	 * @throws MojoFailureException if the application names another one
	 */
	static void requireSame(Path classes, String table) throws MojoFailureException {
		Path file = classes.resolve("application.properties");
		if (!Files.isRegularFile(file)) {
			return;
		}
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			properties.load(in);
		}
		catch (IOException | IllegalArgumentException ex) {
			// A file the application could not read either: nothing to compare with.
			return;
		}
		String application = properties.getProperty(PROPERTY, "").strip();
		if (!application.isEmpty() && !application.equalsIgnoreCase(table.strip())) {
			throw new MojoFailureException("The application's application.properties sets " + PROPERTY + "="
					+ application + ", but the plugin's history table is " + table + ": the plugin would read another "
					+ "history than the application's, see every migration as pending, and migrate would run them "
					+ "again." + System.lineSeparator() + "What to do: set <table>" + application + "</table> in the "
					+ "configuration of the smalls-maven-plugin, or run with -D" + PROPERTY + "=" + application + ".");
		}
	}

}
