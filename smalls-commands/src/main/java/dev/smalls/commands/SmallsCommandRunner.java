package dev.smalls.commands;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;
import dev.smalls.SmallsValidationException;

/**
 * Runs one smalls command, as typed after {@code smalls} ({@code status},
 * {@code migrate --to 3}, ...), prints what it did and says how it went in an exit code:
 * {@link SmallsCommand#OK} (0) when it worked, {@link SmallsCommand#FAILURE} (1) when it
 * failed, {@link SmallsCommand#USAGE_ERROR} (2) when the command line was wrong and nothing
 * ran, {@link SmallsCommand#FINDINGS} (3) when it ran and found what a CI gate should stop on
 * ({@code generate --check}: the entities and the database differ). It needs nothing of
 * Spring Boot: a one-shot run of an application ({@code java -jar app.jar smalls status}), a
 * build plugin and a test run commands alike.
 * <pre>
 * int exitCode = SmallsCommandRunner.forMigrator(migrator).build().run(List.of("status"), System.out);
 * </pre>
 */
public final class SmallsCommandRunner {

	private final SmallsCommands commands;

	/**
	 * A runner of the given commands.
	 * @param commands the commands, by name
	 */
	public SmallsCommandRunner(SmallsCommands commands) {
		this.commands = commands;
	}

	/**
	 * A runner of the standard commands on a migrator.
	 * @param migrator the application's migrator
	 * @return a builder of the runner
	 */
	public static Builder forMigrator(SmallsMigrator migrator) {
		return new Builder(migrator);
	}

	/**
	 * The commands it runs.
	 * @return the commands
	 */
	public SmallsCommands commands() {
		return this.commands;
	}

	/**
	 * Run a command.
	 * @param words the command's name, then its arguments and options
	 * @param out where to print, flushed before this returns
	 * @return the exit code
	 */
	public int run(List<String> words, PrintWriter out) {
		return this.commands.run(words, out);
	}

	/**
	 * Run a command, printing in UTF-8.
	 * @param words the command's name, then its arguments and options
	 * @param out where to print, such as {@code System.out}; flushed, not closed
	 * @return the exit code
	 */
	public int run(List<String> words, OutputStream out) {
		return run(words, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
	}

	/**
	 * Builds a runner of the standard commands: {@code status}, {@code migrate},
	 * {@code rollback}, {@code history}, {@code lock}, {@code sql}, {@code repair},
	 * {@code init}, {@code seed}, {@code create}, {@code plan}, {@code rehearse}, {@code drift},
	 * {@code lint} and {@code squash}, and any added.
	 */
	public static final class Builder {

		private final SmallsMigrator migrator;

		private @Nullable SmallsTenants tenants;

		private @Nullable Supplier<MigrationFileWriter> newMigrations;

		private @Nullable Path newSqlMigrations;

		private LiquibasePendingChangeSets liquibasePending = LiquibasePendingChangeSets.UNCHECKED;

		private final List<SmallsCommand> added = new ArrayList<>();

		private Builder(SmallsMigrator migrator) {
			this.migrator = migrator;
		}

		/**
		 * The tenants that {@code --tenant} and {@code --all-tenants} act on.
		 * @param tenants the tenants, or {@code null} for an application without them
		 * @return this builder
		 */
		public Builder tenants(@Nullable SmallsTenants tenants) {
			this.tenants = tenants;
			return this;
		}

		/**
		 * Where {@code smalls create} and {@code smalls squash} write new migrations, and where {@code status} and
		 * {@code migrate} look for files written and not built yet. Without it,
		 * {@code create} says it does not know.
		 * @param directory the directory of the migrations' sources
		 * @param packageName their package
		 * @return this builder
		 */
		public Builder newMigrations(Path directory, String packageName) {
			this.newMigrations = () -> new MigrationFileWriter(directory, packageName);
			return this;
		}

		/**
		 * Where {@code smalls create --sql-file} writes new SQL-file migrations. Without it,
		 * {@code create --sql-file} says it does not know.
		 * @param directory the folder of the SQL migrations, e.g.
		 * {@code src/main/resources/db/migration}
		 * @return this builder
		 */
		public Builder newSqlMigrations(Path directory) {
			this.newSqlMigrations = directory;
			return this;
		}

		/**
		 * How {@code adopt liquibase} finds the change sets of the change log the database has
		 * not run. Without it, nothing is checked, and the adoption's notes say so.
		 * @param liquibasePending the check
		 * @return this builder
		 */
		public Builder liquibasePending(LiquibasePendingChangeSets liquibasePending) {
			this.liquibasePending = liquibasePending;
			return this;
		}

		/**
		 * A command besides the standard ones, such as {@code generate}; one with the name of a
		 * standard command replaces it.
		 * @param command the command
		 * @return this builder
		 */
		public Builder command(SmallsCommand command) {
			this.added.add(command);
			return this;
		}

		private CreateCommand create(Supplier<MigrationFileWriter> files) {
			Path sqlDirectory = this.newSqlMigrations;
			return (sqlDirectory != null) ? new CreateCommand(this.migrator, files, () -> new SqlFileWriter(sqlDirectory))
					: new CreateCommand(this.migrator, files);
		}

		/**
		 * The runner.
		 * @return the runner
		 */
		public SmallsCommandRunner build() {
			Supplier<MigrationFileWriter> files = (this.newMigrations != null) ? this.newMigrations
					: Builder::noDirectory;
			boolean generate = this.added.stream().anyMatch((command) -> command.getName().equals("generate"));
			MigrationSources sources = new MigrationSources((this.newMigrations != null) ? files::get : () -> null,
					generate);
			List<SmallsCommand> commands = new ArrayList<>(List.of(new StatusCommand(this.migrator, this.tenants, sources),
					new MigrateCommand(this.migrator, this.tenants, sources),
					new RollbackCommand(this.migrator, this.tenants), new HistoryCommand(this.migrator, this.tenants),
					new LockCommand(this.migrator, this.tenants), new SqlCommand(this.migrator),
					new RepairCommand(this.migrator, this.tenants), new InitCommand(this.migrator),
					new SeedCommand(this.migrator), create(files),
					new PlanCommand(this.migrator), new RehearseCommand(this.migrator), new DriftCommand(this.migrator),
					new LintCommand(this.migrator), new BaselineCommand(this.migrator, this.tenants),
					new AdoptCommand(this.migrator, this.tenants, this.liquibasePending),
					new SquashCommand(this.migrator, files), new DataCommand(this.migrator)));
			for (SmallsCommand command : this.added) {
				commands.removeIf((standard) -> standard.getName().equals(command.getName()));
				commands.add(command);
			}
			return new SmallsCommandRunner(new SmallsCommands(commands));
		}

		private static MigrationFileWriter noDirectory() {
			throw new SmallsValidationException("smalls does not know where new migrations go here.",
					"Give the runner the directory and package of the migrations' sources: "
							+ "SmallsCommandRunner.forMigrator(migrator).newMigrations(directory, package).");
		}

	}

}
