package dev.smalls.shell;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.test.ShellTestClient;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration that fails, and seeding in production, seen from the shell.
 */
@SpringBootTest(classes = ShellTestApplication.class,
		properties = { "spring.datasource.url=jdbc:h2:mem:shell-failures;DB_CLOSE_DELAY=-1", "shell.test.break=true",
				"spring.profiles.active=prod" })
class SmallsShellFailureTests {

	@Autowired
	private CommandParser parser;

	@Autowired
	private CommandRegistry registry;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private ShellExitCode exitCode;

	@Autowired
	private org.springframework.jdbc.core.JdbcTemplate jdbc;

	@org.junit.jupiter.api.BeforeEach
	void emptyDatabase() {
		this.jdbc.execute("DROP ALL OBJECTS");
	}

	@Test
	void aFailingMigrationIsShownWithTheDatabaseMessageAndWhatToDo() throws Exception {
		String output = String.join("\n",
				new ShellTestClient(this.parser, this.registry).sendCommand("smalls migrate").lines());
		assertThat(output).contains("0001_create_people ... applied")
			.contains("0002_add_age ... applied")
			.contains("0003_add_city ... FAILED")
			.contains("Error: Migration 0003_add_city failed:")
			.containsIgnoringCase("NO_SUCH_TABLE")
			.contains("What to do: Check the schema for what 0003_add_city changed before it failed")
			.doesNotContain("\tat ");
		assertThat(this.migrator.status().current()).isEqualTo(2);
		assertThat(this.exitCode.getExitCode()).isEqualTo(1);
	}

	@Test
	void seedIsRefusedInProdUnlessForced() throws Exception {
		this.migrator.migrate(2);
		ShellTestClient shell = new ShellTestClient(this.parser, this.registry);
		assertThat(String.join("\n", shell.sendCommand("smalls seed").lines()))
			.contains("Error: Seeding refused: the profile 'prod' is active");
		assertThat(String.join("\n", shell.sendCommand("smalls seed --force").lines())).contains("Seed is complete.");
	}

}
