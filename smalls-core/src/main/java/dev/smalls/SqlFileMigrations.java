package dev.smalls;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import dev.smalls.SmallsValidationException.Problem;

/**
 * Finds the {@link SqlFileMigration}s in locations, as Flyway does: {@code V<n>__<description>.sql}
 * files, each with an optional {@code U<n>__<description>.sql} rollback, in the locations and
 * the folders below them.
 * <p>
 * A location is a Spring resource location of a folder: {@code classpath:db/migration}
 * (also without the prefix), {@code file:/opt/app/sql} or Flyway's
 * {@code filesystem:/opt/app/sql}. Every file is checked before anything runs, and every
 * problem is reported at once, naming the file and what to rename it to: a version that is
 * not a whole number ({@code V1.1__x.sql}), a missing {@code __}, a {@code U} file without
 * its {@code V} file, a repeatable {@code R__} file (smalls has no repeatable migrations), a
 * {@code ${placeholder}} that is not defined. Flyway's SQL callbacks
 * ({@code beforeMigrate.sql}, ...) are not migrations: they are left out, with a warning.
 */
public final class SqlFileMigrations {

	/** Where Flyway, and smalls, look for SQL files unless told otherwise. */
	public static final String DEFAULT_LOCATION = "classpath:db/migration";

	private static final Log logger = LogFactory.getLog(SqlFileMigrations.class);

	private static final String FILESYSTEM_PREFIX = "filesystem:";

	private static final Pattern VERSIONED = Pattern.compile("([VU])(\\d+)__(.+)\\.sql");

	private static final Pattern CALLBACK = Pattern
		.compile("(before|after)[A-Z][A-Za-z]*(__.*)?\\.sql|createSchema(__.*)?\\.sql");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\n]*)}");

	private SqlFileMigrations() {
	}

	/**
	 * Whether a location exists: a folder on the class path or the file system.
	 * @param location the location, e.g. {@code classpath:db/migration}
	 * @param resourceLoader the loader to find it with
	 * @return {@code true} if it does
	 */
	public static boolean exists(String location, ResourceLoader resourceLoader) {
		Location parsed = Location.of(location);
		ResourcePatternResolver resolver = resolver(resourceLoader);
		try {
			for (Resource root : resolver.getResources(parsed.root())) {
				if (root.exists()) {
					return true;
				}
			}
			// A jar built without folder entries has the files but not the folder.
			return resolver.getResources(parsed.files()).length > 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Find and read the SQL-file migrations in the locations.
	 * @param locations the locations; each must exist
	 * @param placeholders the values of the {@code ${name}} placeholders the files use
	 * @param resourceLoader the loader to find them with
	 * @return the migrations, in sequence order
	 * @throws SmallsValidationException naming every problem with the locations or files;
	 * nothing ran
	 */
	public static List<SqlFileMigration> load(List<String> locations, Map<String, String> placeholders,
			ResourceLoader resourceLoader) {
		Assert.notNull(locations, "'locations' must not be null");
		Assert.notNull(placeholders, "'placeholders' must not be null");
		List<String> absent = locations.stream().filter((location) -> !exists(location, resourceLoader)).toList();
		if (!absent.isEmpty()) {
			throw new SmallsValidationException(Problem.SCRIPT_NOT_FOUND, List.of(),
					"The SQL migrations location" + ((absent.size() == 1) ? " " : "s ") + String.join(", ", absent)
							+ ((absent.size() == 1) ? " does" : " do") + " not exist. Nothing was run.",
					"Fix the location (classpath:db/migration, file:/path or filesystem:/path), or remove it from "
							+ "the SQL locations.");
		}
		ResourcePatternResolver resolver = resolver(resourceLoader);
		List<SqlFile> files = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (String location : locations) {
			files.addAll(find(Location.of(location), resolver, seen));
		}
		return new Reader(files, placeholders).read();
	}

	private static ResourcePatternResolver resolver(ResourceLoader resourceLoader) {
		return (resourceLoader instanceof ResourcePatternResolver patterns) ? patterns
				: new PathMatchingResourcePatternResolver(resourceLoader);
	}

	private static List<SqlFile> find(Location location, ResourcePatternResolver resolver, Set<String> seen) {
		try {
			List<String> roots = new ArrayList<>();
			for (Resource root : resolver.getResources(location.root())) {
				String url = root.getURL().toString();
				roots.add(url.endsWith("/") ? url : url + "/");
			}
			List<SqlFile> files = new ArrayList<>();
			for (Resource resource : resolver.getResources(location.files())) {
				String url = resource.getURL().toString();
				String fileName = resource.getFilename();
				if (fileName == null || !(fileName.endsWith(".sql") || fileName.endsWith(".sql.conf"))
						|| !resource.isReadable() || !seen.add(url)) {
					continue;
				}
				String relative = roots.stream()
					.filter(url::startsWith)
					.map((root) -> StringUtils.uriDecode(url.substring(root.length()), StandardCharsets.UTF_8))
					.findFirst()
					.orElse(fileName);
				files.add(new SqlFile(resource, location.display() + "/" + relative, relative, fileName));
			}
			files.sort(Comparator.comparing(SqlFile::shown));
			return files;
		}
		catch (IOException ex) {
			throw new SmallsException("Could not read the SQL migrations in " + location.display() + ": "
					+ ex.getMessage(), "Check that the location can be read.", ex);
		}
	}

	/** A location as given, and the patterns that find its folder and its files. */
	private record Location(String display, String prefix, String path) {

		static Location of(String location) {
			String display = location.strip();
			while (display.endsWith("/") && display.length() > 1) {
				display = display.substring(0, display.length() - 1);
			}
			if (display.startsWith(FILESYSTEM_PREFIX)) {
				return new Location(display, "file:", display.substring(FILESYSTEM_PREFIX.length()));
			}
			if (display.startsWith("file:")) {
				return new Location(display, "file:", display.substring("file:".length()));
			}
			String path = display;
			for (String prefix : new String[] { "classpath*:", "classpath:" }) {
				if (path.startsWith(prefix)) {
					path = path.substring(prefix.length());
					break;
				}
			}
			path = path.startsWith("/") ? path.substring(1) : path;
			return new Location(display, "classpath*:", path);
		}

		String root() {
			return this.prefix + this.path + "/";
		}

		String files() {
			return this.prefix + this.path + "/**/*.sql*";
		}

	}

	private record SqlFile(Resource resource, String shown, String relative, String fileName) {

		String content() {
			try {
				return SqlFileMigration.withoutBom(this.resource.getContentAsString(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + this.shown, ex);
			}
		}

		String raw() {
			try {
				return this.resource.getContentAsString(StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + this.shown, ex);
			}
		}

	}

	/** Reads a set of found files into migrations, collecting every problem. */
	private static final class Reader {

		private final List<SqlFile> files;

		private final Map<String, String> placeholders;

		private final List<String> problems = new ArrayList<>();

		private final Set<Integer> problemSequences = new TreeSet<>();

		Reader(List<SqlFile> files, Map<String, String> placeholders) {
			this.files = files;
			this.placeholders = placeholders;
		}

		List<SqlFileMigration> read() {
			Map<String, SqlFile> configs = new LinkedHashMap<>();
			List<SqlFile> versioned = new ArrayList<>();
			Map<Integer, SqlFile> undo = new LinkedHashMap<>();
			List<String> callbacks = new ArrayList<>();
			int highest = 0;
			for (SqlFile file : this.files) {
				Matcher matcher = VERSIONED.matcher(file.fileName());
				if (matcher.matches()) {
					try {
						highest = Math.max(highest, Integer.parseInt(matcher.group(2)));
					}
					catch (NumberFormatException ex) {
						// Reported below.
					}
				}
			}
			for (SqlFile file : this.files) {
				String fileName = file.fileName();
				if (fileName.endsWith(".sql.conf")) {
					configs.put(file.shown().substring(0, file.shown().length() - ".conf".length()), file);
					continue;
				}
				if (CALLBACK.matcher(fileName).matches()) {
					callbacks.add(file.shown());
					continue;
				}
				if (fileName.startsWith("R__")) {
					problem(file.shown() + " is a repeatable migration, which smalls does not have: turn what it "
							+ "creates into a V<n>__ file (and a new one for each later change), or into a "
							+ "SmallsMigration bean", null);
					continue;
				}
				if (!(fileName.startsWith("V") || fileName.startsWith("U")) || fileName.length() < 2
						|| !(Character.isDigit(fileName.charAt(1)) || fileName.charAt(1) == '_'
								|| fileName.charAt(1) == '.')) {
					logger.warn("smalls ignores " + file.shown() + ": only V<n>__<description>.sql and "
							+ "U<n>__<description>.sql files are migrations");
					continue;
				}
				Integer sequence = sequenceOf(file, highest);
				if (sequence == null) {
					continue;
				}
				if (fileName.startsWith("V")) {
					versioned.add(file);
				}
				else {
					SqlFile other = undo.putIfAbsent(sequence, file);
					if (other != null) {
						problem(other.shown() + " and " + file.shown() + " both roll back sequence "
								+ MigrationNames.display(sequence) + ": keep one", sequence);
					}
				}
			}
			if (!callbacks.isEmpty()) {
				logger.warn("smalls does not run Flyway's SQL callbacks " + String.join(", ", callbacks)
						+ ": write a SmallsCallback bean for what they do, or an init or seed script "
						+ "(smalls.init.locations, smalls.seed.locations)");
			}
			List<SqlFileMigration> migrations = new ArrayList<>();
			Set<Integer> withVersion = new HashSet<>();
			for (SqlFile file : versioned) {
				Matcher matcher = VERSIONED.matcher(file.fileName());
				matcher.matches();
				int sequence = Integer.parseInt(matcher.group(2));
				withVersion.add(sequence);
				SqlFile rollback = undo.get(sequence);
				SqlFileMigration migration = migration(file, sequence, matcher.group(3), rollback, configs);
				if (migration != null) {
					migrations.add(migration);
				}
			}
			undo.forEach((sequence, file) -> {
				if (!withVersion.contains(sequence)) {
					problem(file.shown() + " rolls back sequence " + MigrationNames.display(sequence)
							+ ", but there is no V" + sequence + "__ file: add the V file, or remove " + file.fileName(),
							sequence);
				}
			});
			configs.forEach((script, config) -> {
				if (this.files.stream().noneMatch((file) -> file.shown().equals(script))) {
					problem(config.shown() + " configures " + script + ", which does not exist: remove it", null);
				}
			});
			if (!this.problems.isEmpty()) {
				throw new SmallsValidationException(Problem.INVALID_MIGRATIONS, List.copyOf(this.problemSequences),
						"The SQL migration files are not usable: " + String.join("; ", this.problems)
								+ ". Nothing was run.",
						"Rename or fix the files named, then run again.");
			}
			migrations.sort(Comparator.comparingInt(SqlFileMigration::sequence));
			return migrations;
		}

		private @Nullable Integer sequenceOf(SqlFile file, int highest) {
			String fileName = file.fileName();
			String kind = fileName.substring(0, 1);
			int separator = fileName.indexOf("__");
			String base = fileName.substring(0, fileName.length() - ".sql".length());
			if (separator < 0) {
				Matcher single = Pattern.compile("[VU](\\d+)_([^_].*)").matcher(base);
				String rename = single.matches() ? kind + single.group(1) + "__" + single.group(2) + ".sql"
						: kind + "<n>__<description>.sql";
				problem(file.shown() + " has no '__' between its version and its description: rename it to "
						+ rename, null);
				return null;
			}
			String version = fileName.substring(1, separator);
			String description = base.substring(separator + 2);
			if (description.isBlank()) {
				problem(file.shown() + " has no description after '__': rename it to " + kind + version
						+ "__<what_it_does>.sql", null);
				return null;
			}
			if (!version.chars().allMatch(Character::isDigit)) {
				problem(file.shown() + " has the version " + version + ", which is not a whole number: smalls orders "
						+ "migrations by one integer. Rename it to " + kind + "<n>__" + description + ".sql, n a whole "
						+ "number that places it among the others (the highest now is " + highest + ": " + kind
						+ (highest + 1) + "__" + description + ".sql would come last)", null);
				return null;
			}
			int sequence;
			try {
				sequence = Integer.parseInt(version);
			}
			catch (NumberFormatException ex) {
				sequence = -1;
			}
			if (sequence < 1) {
				problem(file.shown() + " has the version " + version + "; sequences are whole numbers from 1 to "
						+ Integer.MAX_VALUE + ": rename it", null);
				return null;
			}
			return sequence;
		}

		private @Nullable SqlFileMigration migration(SqlFile file, int sequence, String description,
				@Nullable SqlFile rollback, Map<String, SqlFile> configs) {
			String name = MigrationNames.toSnakeCase(description);
			if (!MigrationNames.isValid(name)) {
				problem(file.shown() + " gives the name '" + name + "'; a name is 1 to 100 lower case letters, digits "
						+ "and underscores: rename the file", sequence);
				return null;
			}
			int before = this.problems.size();
			String content = file.content();
			List<String> statements = statements(file, content, sequence);
			List<String> rollbackStatements = (rollback != null) ? statements(rollback, rollback.content(), sequence)
					: null;
			Boolean transactional = configured(configs.get(file.shown()), sequence);
			if (rollback != null) {
				Boolean rollbackTransactional = configured(configs.get(rollback.shown()), sequence);
				if (rollbackTransactional != null && !rollbackTransactional.equals(transactional)) {
					problem(configs.get(rollback.shown()).shown() + " sets executeInTransaction="
							+ rollbackTransactional + ", which " + file.shown() + " does not: smalls runs a "
							+ "migration and its rollback the same way; make them agree", sequence);
				}
			}
			boolean noTransaction = hasNoTransactionHeader(content);
			if (this.problems.size() > before) {
				return null;
			}
			return new SqlFileMigration(sequence, name, description.replace('_', ' '), file.shown(),
					file.relative(), file.raw(), statements, (rollback != null) ? rollback.shown() : null,
					rollbackStatements, !noTransaction && !Boolean.FALSE.equals(transactional));
		}

		private List<String> statements(SqlFile file, String content, int sequence) {
			String replaced = replacePlaceholders(file, content, sequence);
			try {
				return SqlStatements.split(replaced, file.shown());
			}
			catch (IllegalArgumentException ex) {
				problem(ex.getMessage(), sequence);
				return List.of();
			}
		}

		private String replacePlaceholders(SqlFile file, String content, int sequence) {
			if (!content.contains("${")) {
				return content;
			}
			Matcher matcher = PLACEHOLDER.matcher(content);
			StringBuilder replaced = new StringBuilder(content.length());
			while (matcher.find()) {
				String name = matcher.group(1);
				String value = this.placeholders.get(name);
				if (value == null) {
					int line = 1 + (int) content.substring(0, matcher.start()).chars().filter((c) -> c == '\n').count();
					String hint = name.startsWith("flyway:")
							? ": smalls has none of Flyway's built-in placeholders; write the value in the file, or "
									+ "define it as placeholder '" + name + "' (smalls.sql.placeholders[" + name + "])"
							: ": define it (smalls.sql.placeholders." + name + ", or the migrator builder's "
									+ "sqlPlaceholders), or remove it from the file";
					problem(file.shown() + ", line " + line + ": the placeholder ${" + name + "} is not defined"
							+ hint, sequence);
					value = matcher.group();
				}
				matcher.appendReplacement(replaced, Matcher.quoteReplacement(value));
			}
			matcher.appendTail(replaced);
			return replaced.toString();
		}

		/** What a Flyway script configuration file says of transactions, refusing what smalls does not do. */
		private @Nullable Boolean configured(@Nullable SqlFile config, int sequence) {
			if (config == null) {
				return null;
			}
			Properties properties = new Properties();
			try {
				properties.load(new StringReader(config.content()));
			}
			catch (IOException | IllegalArgumentException ex) {
				problem(config.shown() + " cannot be read: " + ex.getMessage(), sequence);
				return null;
			}
			Boolean transactional = null;
			for (String key : properties.stringPropertyNames()) {
				String value = properties.getProperty(key).strip();
				if (key.equals("executeInTransaction") && (value.equalsIgnoreCase("true")
						|| value.equalsIgnoreCase("false"))) {
					transactional = Boolean.valueOf(value.toLowerCase(Locale.ROOT));
				}
				else if (key.equals("encoding") && value.equalsIgnoreCase("UTF-8")) {
					// What smalls reads anyway.
				}
				else {
					problem(config.shown() + " sets " + key + "=" + value + ", which smalls does not support: it "
							+ "understands executeInTransaction=true|false and encoding=UTF-8 only (or a first line "
							+ SqlFileMigration.NO_TRANSACTION + " in the SQL file)", sequence);
				}
			}
			return transactional;
		}

		private static boolean hasNoTransactionHeader(String content) {
			for (String line : content.split("\\R")) {
				String stripped = line.strip();
				if (stripped.equalsIgnoreCase(SqlFileMigration.NO_TRANSACTION)) {
					return true;
				}
				if (!stripped.isEmpty() && !stripped.startsWith("--")) {
					return false;
				}
			}
			return false;
		}

		private void problem(String problem, @Nullable Integer sequence) {
			this.problems.add(problem);
			if (sequence != null) {
				this.problemSequences.add(sequence);
			}
		}

	}

}
