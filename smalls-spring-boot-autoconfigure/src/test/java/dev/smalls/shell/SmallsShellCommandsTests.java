package dev.smalls.shell;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.test.ShellScreen;
import org.springframework.shell.test.ShellTestClient;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each command typed into the shell: parsed by the shell, run by the shell, output read back.
 */
@SpringBootTest(classes = ShellTestApplication.class,
		properties = { "spring.datasource.url=jdbc:h2:mem:shell-commands;DB_CLOSE_DELAY=-1",
				"smalls.create.directory=target/shell-tests/created", "smalls.create.package=com.example.migrations" })
class SmallsShellCommandsTests {

	@Autowired
	private CommandParser parser;

	@Autowired
	private CommandRegistry registry;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ShellExitCode exitCode;

	private ShellTestClient shell;

	@BeforeEach
	void emptyDatabase() throws Exception {
		this.jdbc.execute("DROP ALL OBJECTS");
		this.shell = new ShellTestClient(this.parser, this.registry);
	}

	private String send(String command) throws Exception {
		ShellScreen screen = this.shell.sendCommand(command);
		return String.join("\n", screen.lines());
	}

	@Test
	void statusShowsATableOfEveryMigrationAndTheCurrentSequence() throws Exception {
		this.migrator.migrate(1);
		String output = send("smalls status");
		assertThat(output).startsWith("smalls status  ")
			.containsPattern("0001\\s+create_people\\s+APPLIED\\s+1\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d")
			.containsPattern("0002\\s+add_age\\s+PENDING")
			.contains("Current sequence: 0001, 2 pending");
	}

	@Test
	void migrateAppliesEachMigrationWithItsDurationAndSaysWhenComplete() throws Exception {
		String output = send("smalls migrate");
		assertThat(output).containsPattern("0001_create_people \\.\\.\\. applied \\(\\d+ ms\\)")
			.contains("0003_add_city ... applied")
			.contains("Migrations are complete: batch 1, current sequence 0003.");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void migrateToStopsAtTheTarget() throws Exception {
		assertThat(send("smalls migrate --to 0002")).contains("0002_add_age ... applied").doesNotContain("0003");
		assertThat(this.migrator.status().current()).isEqualTo(2);
	}

	@Test
	void migrateWithNothingPendingSaysSo() throws Exception {
		this.migrator.migrate();
		assertThat(send("smalls migrate")).contains("Nothing to migrate: the database is at 0003.");
	}

	@Test
	void rollbackToAZeroPaddedTargetKeepsTheTarget() throws Exception {
		this.migrator.migrate();
		String output = send("smalls rollback 0001");
		assertThat(output).contains("0003_add_city ... rolled back").contains("0002_add_age ... rolled back")
			.contains("Rollback is complete: current sequence 0001.");
		assertThat(output.indexOf("0003_add_city")).isLessThan(output.indexOf("0002_add_age"));
		assertThat(this.migrator.status().current()).isEqualTo(1);
	}

	@Test
	void rollbackToZeroRollsBackEverything() throws Exception {
		this.migrator.migrate();
		assertThat(send("smalls rollback 0000")).contains("current sequence 0000");
		assertThat(this.migrator.status().current()).isZero();
	}

	@Test
	void rollbackBatchesRollsBackTheLatestRuns() throws Exception {
		this.migrator.migrate(1);
		this.migrator.migrate();
		assertThat(send("smalls rollback --batches 1")).contains("0003_add_city ... rolled back")
			.contains("0002_add_age ... rolled back")
			.doesNotContain("0001_create_people ... rolled back");
		assertThat(this.migrator.status().current()).isEqualTo(1);
	}

	@Test
	void rollbackWithoutATargetExplainsItsUsage() throws Exception {
		this.migrator.migrate();
		String output = send("smalls rollback");
		assertThat(output).contains("Error: Give exactly one of a target sequence")
			.contains("Usage: smalls rollback <N> | smalls rollback --batches K");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void rollbackToANonNumberIsRefused() throws Exception {
		this.migrator.migrate();
		assertThat(send("smalls rollback two")).contains("The target must be a whole number of 0 or more, such as 2 or 0002, not 'two'");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void rollbackAboveTheCurrentSequenceSaysWhatToDoWithoutAStackTrace() throws Exception {
		this.migrator.migrate(1);
		String output = send("smalls rollback 0002");
		assertThat(output).contains("Error: Cannot roll back to 0002: the current sequence is 0001")
			.contains("What to do: ")
			.doesNotContain("\tat ")
			.doesNotContain("Exception");
	}

	@Test
	void historyListsAppliedMigrationsNewestFirst() throws Exception {
		this.migrator.migrate(1);
		this.migrator.migrate();
		String output = send("smalls history");
		assertThat(output).containsPattern("2\\s+0003_add_city").containsPattern("1\\s+0001_create_people");
		assertThat(output.indexOf("0003_add_city")).isLessThan(output.indexOf("0002_add_age"));
		assertThat(output.indexOf("0002_add_age")).isLessThan(output.indexOf("0001_create_people"));
	}

	@Test
	void seedRunsTheSeederBeans() throws Exception {
		this.migrator.migrate();
		assertThat(send("smalls seed")).contains("ShellTestApplication").contains("Seed is complete.");
		assertThat(this.jdbc.queryForObject("SELECT name FROM people WHERE id = 1", String.class)).isEqualTo("Ada");
	}

	@Test
	void initWithNothingToRunSaysSo() throws Exception {
		assertThat(send("smalls init")).contains("Init: nothing to run");
	}

	@Test
	void anUnknownOptionIsRefusedRatherThanIgnored() throws Exception {
		assertThat(send("smalls migrate --dry-run true")).contains("Error: Unknown option '--dry-run'.");
		assertThat(this.migrator.status().current()).isZero();
	}

	@Test
	void createWritesTheNextNumberedMigrationFile() throws Exception {
		this.migrator.migrate();
		Path directory = Path.of("target/shell-tests/created");
		deleteRecursively(directory);
		String output = send("smalls create add email to people");
		Path file = directory.resolve("M0004AddEmailToPeople.java");
		assertThat(output).contains("Created 0004_add_email_to_people in " + file);
		assertThat(Files.readString(file)).contains("package com.example.migrations;")
			.contains("public class M0004AddEmailToPeople implements SmallsMigration")
			.contains("return 4;")
			.contains("return \"add_email_to_people\";");
		assertThat(send("smalls create then another")).contains("0005_then_another");
	}

	private static void deleteRecursively(Path directory) throws Exception {
		if (Files.exists(directory)) {
			try (var files = Files.walk(directory)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

}
