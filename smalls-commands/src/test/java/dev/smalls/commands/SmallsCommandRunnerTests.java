package dev.smalls.commands;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationNames;
import dev.smalls.MigrationState;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlFileMigration;
import dev.smalls.SqlFileMigrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The commands run on a migrator of H2, as a build plugin would run them: no Spring Boot, no
 * application context, an exit code that says how it went.
 */
class SmallsCommandRunnerTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:runner-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private SmallsMigrator migrator(SmallsMigration... migrations) {
		return SmallsMigrator.builder(this.dataSource).migrations(migrations).build();
	}

	private int run(SmallsCommandRunner runner, String... words) {
		return runner.run(List.of(words), this.output);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	@Test
	void aCommandThatWorksPrintsWhatItDidAndExitsWithZero() {
		SmallsMigrator migrator = migrator(CREATE_PEOPLE, ADD_AGE);
		int code = run(SmallsCommandRunner.forMigrator(migrator).build(), "migrate");
		assertThat(code).as(output()).isEqualTo(SmallsCommand.OK).isZero();
		assertThat(output()).startsWith("smalls migrate  ")
			.contains("0001_create_people ... applied")
			.contains("Migrations are complete: batch 1, current sequence 0002.");
		assertThat(migrator.status().current()).isEqualTo(2);
	}

	@Test
	void aCommandThatFailsSaysWhatFailedAndWhatToDoAndExitsWithOne() {
		SmallsMigrator migrator = migrator(CREATE_PEOPLE, BROKEN);
		int code = run(SmallsCommandRunner.forMigrator(migrator).build(), "migrate");
		assertThat(code).as(output()).isEqualTo(SmallsCommand.FAILURE).isEqualTo(1);
		assertThat(output()).contains("0002_broken ... FAILED")
			.contains("Error: Migration 0002_broken failed")
			.contains("What to do: ")
			.doesNotContain("\tat ");
	}

	@Test
	void aWrongCommandLineRunsNothingAndExitsWithTwo() {
		SmallsMigrator migrator = migrator(CREATE_PEOPLE, ADD_AGE);
		int code = run(SmallsCommandRunner.forMigrator(migrator).build(), "migrate", "--to", " 1");
		assertThat(code).as(output()).isEqualTo(SmallsCommand.USAGE_ERROR).isEqualTo(2);
		assertThat(output()).contains("Error: --to must be a whole number of 0 or more")
			.contains("Usage: smalls migrate");
		assertThat(migrator.status().current()).isZero();
	}

	@Test
	void aCommandThatFindsWhatAGateStopsOnPrintsNoErrorAndExitsWithThree() {
		SmallsMigrator migrator = migrator(CREATE_PEOPLE, ADD_AGE);
		SmallsCommandRunner runner = SmallsCommandRunner.forMigrator(migrator).command(new PendingGate(migrator)).build();

		int found = run(runner, "pending-gate");

		assertThat(found).as(output()).isEqualTo(SmallsCommand.FINDINGS).isEqualTo(3);
		assertThat(output()).startsWith("smalls pending-gate  ")
			.contains("Pending: 0001_create_people")
			.contains("Pending: 0002_add_age")
			.doesNotContain("Error:")
			.doesNotContain("What to do:");
		assertThat(run(runner, "migrate")).isZero();
		assertThat(run(runner, "pending-gate")).as(output()).isZero();
		assertThat(output()).endsWith("Nothing pending." + System.lineSeparator());
	}

	@Test
	void anUnknownCommandListsTheStandardCommandsAndExitsWithTwo() {
		int code = run(SmallsCommandRunner.forMigrator(migrator(CREATE_PEOPLE)).build(), "rolback", "1");
		assertThat(code).isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(output()).contains("Error: unknown command 'smalls rolback 1'.")
			.contains("smalls status")
			.contains("smalls rollback <N>")
			.contains("smalls create [--sql | --sql-file] <description words>");
	}

	@Test
	void createWritesTheNextMigrationWhereTheRunnerWasTold(@TempDir Path directory) throws Exception {
		SmallsMigrator migrator = migrator(CREATE_PEOPLE, ADD_AGE);
		SmallsCommandRunner runner = SmallsCommandRunner.forMigrator(migrator)
			.newMigrations(directory, "com.example.migrations")
			.build();
		int code = run(runner, "create", "add", "email", "to", "people");
		assertThat(code).as(output()).isZero();
		Path file = directory.resolve("M0003AddEmailToPeople.java");
		assertThat(file).exists();
		assertThat(Files.readString(file)).contains("package com.example.migrations;");
		assertThat(output()).contains("Created 0003_add_email_to_people in " + file.toAbsolutePath().normalize());
	}

	@Test
	void createWithSqlFileWritesTheNextVFileAndItsUFile(@TempDir Path directory) throws Exception {
		SmallsMigrator migrator = migrator(CREATE_PEOPLE, ADD_AGE);
		Path folder = directory.resolve("db/migration");
		SmallsCommandRunner runner = SmallsCommandRunner.forMigrator(migrator).newSqlMigrations(folder).build();
		assertThat(run(runner, "create", "--sql-file", "add", "email")).as(output()).isZero();
		Path file = folder.resolve("V0003__add_email.sql");
		assertThat(file).exists();
		assertThat(folder.resolve("U0003__add_email.sql")).exists();
		assertThat(output()).contains("Created 0003_add_email in " + file.toAbsolutePath().normalize())
			.contains("U0003__add_email.sql");
		// A file written and not yet built counts: the next one comes after it.
		assertThat(run(runner, "create", "--sql-file", "add", "phone")).isZero();
		assertThat(folder.resolve("V0004__add_phone.sql")).exists();
		// What it wrote is a migration smalls reads, with its rollback.
		List<SqlFileMigration> written = SqlFileMigrations.load(List.of("file:" + folder), Map.of(),
				new DefaultResourceLoader());
		assertThat(written).extracting(SqlFileMigration::name).containsExactly("add_email", "add_phone");
		assertThat(written).allSatisfy((migration) -> assertThat(migration.rollbackLocation()).isNotNull());
	}

	@Test
	void createWithSqlFileWithoutAFolderForThemSaysSoAndExitsWithOne() {
		int code = run(SmallsCommandRunner.forMigrator(migrator(CREATE_PEOPLE)).build(), "create", "--sql-file", "add",
				"age");
		assertThat(code).isOne();
		assertThat(output()).contains("does not say where its SQL migrations are");
	}

	@Test
	void statusNamesAMigrationWrittenButNotBuilt(@TempDir Path directory) {
		SmallsMigrator migrator = migrator(CREATE_PEOPLE);
		SmallsCommandRunner runner = SmallsCommandRunner.forMigrator(migrator)
			.newMigrations(directory, "com.example.migrations")
			.build();
		assertThat(run(runner, "create", "add", "age")).isZero();
		assertThat(run(runner, "status")).isZero();
		assertThat(output()).contains("M0002AddAge.java in " + directory.toAbsolutePath().normalize()
				+ " is written but not built");
	}

	@Test
	void createWithoutADirectoryForNewMigrationsSaysSoAndExitsWithOne() {
		int code = run(SmallsCommandRunner.forMigrator(migrator(CREATE_PEOPLE)).build(), "create", "add", "age");
		assertThat(code).isEqualTo(SmallsCommand.FAILURE);
		assertThat(output()).contains("Error: smalls does not know where new migrations go here.");
	}

	@Test
	void anAddedCommandIsListedAndOneOfAStandardNameReplacesIt() {
		SmallsCommandRunner runner = SmallsCommandRunner.forMigrator(migrator(CREATE_PEOPLE))
			.command(new Greeting("hello"))
			.command(new Greeting("status"))
			.build();
		assertThat(runner.commands().all()).extracting(SmallsCommand::getName)
			.containsExactly("migrate", "rollback", "history", "lock", "sql", "repair", "init", "seed", "create",
					"plan", "rehearse", "drift", "lint", "baseline", "adopt", "squash", "data", "hello", "status");
		assertThat(run(runner, "status")).isZero();
		assertThat(output()).contains("Hello from status");
	}

	@Test
	void aPrintWriterGetsTheSameOutput() {
		java.io.StringWriter text = new java.io.StringWriter();
		int code = SmallsCommandRunner.forMigrator(migrator(CREATE_PEOPLE))
			.build()
			.run(List.of("status"), new PrintWriter(text));
		assertThat(code).isZero();
		assertThat(text.toString()).startsWith("smalls status  ").contains("Current sequence: 0000, 1 pending");
	}

	@Test
	void nothingOfSpringBootIsThere() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.springframework.boot.SpringApplication"));
	}

	private static final SmallsMigration CREATE_PEOPLE = new Migration(1, "create_people",
			"CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(100))", "DROP TABLE people");

	private static final SmallsMigration ADD_AGE = new Migration(2, "add_age", "ALTER TABLE people ADD COLUMN age INT",
			"ALTER TABLE people DROP COLUMN age");

	private static final SmallsMigration BROKEN = new Migration(2, "broken",
			"ALTER TABLE no_such_table ADD COLUMN age INT", "SELECT 1");

	private record Migration(int sequence, String name, String up, String down) implements SmallsMigration {

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute(this.up);
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute(this.down);
		}

	}

	/** A gate on the migrator's status: it finds pending migrations. */
	private static final class PendingGate extends SmallsCommand {

		private final SmallsMigrator migrator;

		PendingGate(SmallsMigrator migrator) {
			super("pending-gate", "Stop a gate while migrations are pending", "smalls pending-gate", 0);
			this.migrator = migrator;
		}

		@Override
		protected void run(CommandLine line, PrintWriter out) {
			List<MigrationInfo> pending = this.migrator.status().inState(MigrationState.PENDING);
			if (pending.isEmpty()) {
				out.println("Nothing pending.");
				return;
			}
			pending.forEach((migration) -> out.println("Pending: "
					+ MigrationNames.display(migration.sequence(), migration.name())));
			throw new FindingsException(pending.size() + " pending");
		}

	}

	private static final class Greeting extends SmallsCommand {

		Greeting(String name) {
			super(name, "Say hello", "smalls " + name, 0);
		}

		@Override
		protected void run(CommandLine line, PrintWriter out) {
			out.println("Hello from " + getName());
		}

	}

}
