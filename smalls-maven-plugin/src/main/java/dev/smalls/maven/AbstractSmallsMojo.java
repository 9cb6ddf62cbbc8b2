package dev.smalls.maven;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.jspecify.annotations.Nullable;

import dev.smalls.EditedMigrations;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.commands.SmallsCommand;
import dev.smalls.commands.SmallsCommandRunner;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.lint.LintMode;

/**
 * A goal that runs one smalls command on the project's compiled migrations, against the
 * configured database, and fails the build as the command's exit code says: 1 (it failed)
 * and 3 (it found what a CI gate stops on) with a {@code MojoFailureException}, 2 (the
 * goal's configuration made a command line the command refuses) with a
 * {@code MojoExecutionException}. The settings mirror the application's {@code smalls.*}
 * properties, and each can be given on the command line by that property's name, e.g.
 * {@code -Dsmalls.url=jdbc:postgresql://localhost/app -Dsmalls.lint.mode=fail}.
 */
public abstract class AbstractSmallsMojo extends AbstractMojo {

	/** The project whose migrations run. */
	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	private MavenProject project;

	/** This plugin, for its version. */
	@Parameter(defaultValue = "${plugin}", readonly = true, required = true)
	private PluginDescriptor plugin;

	/** The JDBC URL of the database to work on. */
	@Parameter(property = "smalls.url")
	private @Nullable String url;

	/** The database user. */
	@Parameter(property = "smalls.user", alias = "username")
	private @Nullable String user;

	/** The database user's password. */
	@Parameter(property = "smalls.password")
	private @Nullable String password;

	/**
	 * The JDBC driver's class. By default, the driver on the project's runtime classpath (or
	 * among the plugin's dependencies) that takes the URL.
	 */
	@Parameter(property = "smalls.driver-class-name")
	private @Nullable String driverClassName;

	/** The history table's name, optionally schema-qualified. */
	@Parameter(property = "smalls.table", alias = "historyTable", defaultValue = "smalls_history")
	private String table = "smalls_history";

	/** Whether a pending migration below the current sequence may be applied. */
	@Parameter(property = "smalls.out-of-order", defaultValue = "false")
	private boolean outOfOrder;

	/** What to do when an applied migration was edited since: {@code fail} or {@code warn}. */
	@Parameter(property = "smalls.edited-migrations", defaultValue = "fail")
	private String editedMigrations = "fail";

	/** How long to wait for another instance's migration lock, e.g. {@code 30s} or {@code 2m}. */
	@Parameter(property = "smalls.lock-timeout", defaultValue = "1m")
	private String lockTimeout = "1m";

	/** How the migration lock is held: {@code auto}, {@code session}, {@code transaction} or {@code lease}. */
	@Parameter(property = "smalls.lock", defaultValue = "auto")
	private String lock = "auto";

	/** The schema to run in (a tenant's); by default the connection's. */
	@Parameter(property = "smalls.schema")
	private @Nullable String schema;

	/**
	 * What migrate does with the linter's findings before it runs: {@code warn}, {@code fail}
	 * or {@code off}. The {@code lint} goal fails the build on a problem whatever this says.
	 */
	@Parameter(property = "smalls.lint.mode", defaultValue = "warn")
	private String lintMode = "warn";

	/** From how many rows the linter takes a table for large (a smaller table's finding is only a notice). */
	@Parameter(property = "smalls.lint.large-table-rows", defaultValue = "10000")
	private long lintLargeTableRows = 10_000;

	/**
	 * The tables and columns the application maps ({@code table} and {@code table.column}), so
	 * that the linter finds migrations that drop or rename them. The application reads them
	 * from its JPA model; the plugin, which starts no JPA, only from here.
	 */
	@Parameter(property = "smalls.lint.mapped")
	private List<String> lintMapped = new ArrayList<>();

	/** Whether a migrate that changes something records the schema, for the {@code drift} goal. */
	@Parameter(property = "smalls.drift.record", defaultValue = "false")
	private boolean driftRecord;

	/** Tables the {@code drift} goal leaves out: tables the application manages itself. */
	@Parameter(property = "smalls.drift.ignored-tables")
	private List<String> driftIgnoredTables = new ArrayList<>();

	/** Whether every schema migration's operations run in their safe form, as {@code Schema.safely(..)}. */
	@Parameter(property = "smalls.schema.safe-rewrites", defaultValue = "false")
	private boolean safeRewrites;

	/**
	 * Where the SQL-file migrations ({@code V<n>__<name>.sql}) are, as
	 * {@code smalls.sql.locations}; {@code classpath:db/migration} by default.
	 */
	@Parameter(property = "smalls.sql.locations")
	private List<String> sqlLocations = new ArrayList<>();

	/**
	 * The values of the {@code ${name}} placeholders in SQL-file migrations, as
	 * {@code smalls.sql.placeholders.<name>}: {@code <sqlPlaceholders><schema>app</schema></sqlPlaceholders>}.
	 */
	@Parameter
	private Map<String, String> sqlPlaceholders = new LinkedHashMap<>();

	/**
	 * Print the command's {@code --json} document instead of its text, for the goals whose
	 * command takes {@code --json}.
	 */
	@Parameter(property = "smalls.json", defaultValue = "false")
	private boolean json;

	/** Where to write the {@code --json} document instead of the log. */
	@Parameter(property = "smalls.json-file")
	private @Nullable File jsonFile;

	/** Skip the goal. */
	@Parameter(property = "smalls.skip", defaultValue = "false")
	private boolean skip;

	/**
	 * What is typed after {@code smalls} for this goal, e.g. {@code migrate --to 3}.
	 * @return the command's name, then its options
	 */
	protected abstract List<String> command();

	/**
	 * What a finding (exit code 3) means for this goal, for the build's failure.
	 * @return sentences saying what was found and where the command printed it
	 */
	protected String findings() {
		return "smalls " + command().get(0) + " found what fails the build (exit code 3): its findings are above.";
	}

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("smalls " + command().get(0) + " is skipped (smalls.skip).");
			return;
		}
		Path classes = Path.of(this.project.getBuild().getOutputDirectory());
		if (!Files.isDirectory(classes)) {
			getLog().warn(classes + " does not exist, so smalls sees no compiled migration: run the goal after "
					+ "compile, e.g. mvn compile smalls:" + command().get(0));
		}
		warnOfAnotherSmallsVersion();
		ApplicationHistoryTable application = ApplicationHistoryTable.of(classes);
		application.requireSame(this.table);
		application.requireSameSqlLocations(this.sqlLocations);
		ProjectClassLoader loader = ProjectClassLoader.of(this.project);
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		// The engine finds dialects (a jar of the project's may add one) through the context class loader.
		thread.setContextClassLoader(loader);
		try {
			List<SmallsMigration> migrations = ProjectMigrations.find(classes, loader);
			DataSource dataSource = ProjectDatabase.connect(this.url, this.user, this.password, this.driverClassName,
					loader);
			run(SmallsCommandRunner.forMigrator(migrator(dataSource, migrations, loader, application)).build());
		}
		finally {
			thread.setContextClassLoader(previous);
			loader.release();
		}
	}

	private SmallsMigrator migrator(DataSource dataSource, List<SmallsMigration> migrations, ClassLoader loader,
			ApplicationHistoryTable application) throws MojoExecutionException, MojoFailureException {
		try {
			List<SmallsMigration> all = new ArrayList<>(migrations);
			all.addAll(new SqlMigrationLocations(this.sqlLocations, this.sqlPlaceholders).load(loader));
			SmallsMigrator.Builder builder = SmallsMigrator.builder(dataSource)
				.migrations(all)
				.table(this.table)
				.outOfOrder(this.outOfOrder)
				.editedMigrations(Settings.value(EditedMigrations.class, "editedMigrations", this.editedMigrations))
				.lockTimeout(Settings.duration("lockTimeout", this.lockTimeout))
				.lockStrategy(Settings.value(LockStrategy.class, "lock", this.lock))
				.lintMode(Settings.value(LintMode.class, "lintMode", this.lintMode))
				.lintLargeTableRows(this.lintLargeTableRows)
				.lintMapped(this.lintMapped)
				.recordSchema(this.driftRecord)
				.driftIgnoredTables(this.driftIgnoredTables)
				.safeRewrites(this.safeRewrites);
			if (this.schema != null) {
				builder.schema(this.schema);
			}
			else {
				application.foreignHistories(builder);
			}
			return builder.build();
		}
		catch (SmallsException ex) {
			// As a one-shot run that cannot read its migrations: exit 1, a failure of the build.
			throw new MojoFailureException(ex.getMessage() + " " + ex.getAction(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new MojoExecutionException("The smalls-maven-plugin's configuration is wrong: " + ex.getMessage(),
					ex);
		}
	}

	private void run(SmallsCommandRunner runner) throws MojoExecutionException, MojoFailureException {
		List<String> words = new ArrayList<>(command());
		if (this.json) {
			words.add("--" + SmallsCommand.JSON.name());
		}
		String typed = "smalls " + String.join(" ", words);
		getLog().debug("Running " + typed + " on " + this.url);
		int code;
		List<String> lines;
		if (this.json && this.jsonFile != null) {
			StringWriter document = new StringWriter();
			code = runner.run(words, new PrintWriter(document));
			write(this.jsonFile.toPath(), document.toString());
			lines = List.of();
		}
		else {
			LoggedLines log = new LoggedLines(getLog());
			try (PrintWriter out = new PrintWriter(log)) {
				code = runner.run(words, out);
			}
			lines = log.lines();
		}
		switch (code) {
			case SmallsCommand.OK -> {
			}
			case SmallsCommand.FINDINGS -> throw new MojoFailureException(
					findings() + (this.json ? " With <json>, they are in the JSON document." : ""));
			case SmallsCommand.USAGE_ERROR -> throw new MojoExecutionException(typed
					+ " refused the goal's configuration (exit code 2)" + reason(lines));
			default -> throw new MojoFailureException(typed + " failed (exit code " + code + ")" + reason(lines));
		}
	}

	/** The command's own "Error:" and "What to do:" lines, for the build's summary. */
	private String reason(List<String> lines) {
		List<String> reason = lines.stream()
			.filter((line) -> line.startsWith("Error: ") || line.startsWith("What to do: ")
					|| line.startsWith("Usage: "))
			.toList();
		if (reason.isEmpty()) {
			return !this.json ? ": see above."
					: ": see the JSON document's error and action" + ((this.jsonFile != null) ? " in " + this.jsonFile
							: "") + ".";
		}
		return ":" + System.lineSeparator() + String.join(System.lineSeparator(), reason);
	}

	private void write(Path file, String document) throws MojoExecutionException {
		try {
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			Files.writeString(file, document, StandardCharsets.UTF_8);
			getLog().info("smalls " + command().get(0) + " wrote its JSON document to " + file);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Could not write the JSON document to " + file + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * The plugin runs the project's migrations with its own engine: one of another version
	 * may not run them as the application's does.
	 */
	private void warnOfAnotherSmallsVersion() {
		for (Artifact artifact : this.project.getArtifacts()) {
			if (artifact.getGroupId().equals("dev.smalls") && artifact.getArtifactId().equals("smalls-core")
					&& !artifact.getBaseVersion().equals(this.plugin.getVersion())) {
				getLog().warn("The project uses smalls " + artifact.getBaseVersion() + " and this plugin is smalls "
						+ this.plugin.getVersion() + ": the plugin runs the migrations with its own engine. Use the "
						+ "plugin of the project's version.");
			}
		}
	}

}
