package dev.smalls.shell;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

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
	private ShellSession shell;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void emptyDatabase() {
		this.jdbc.execute("DROP ALL OBJECTS");
	}

	@Test
	void aFailingMigrationIsShownWithTheDatabaseMessageWhatToCheckAndWhatToTypeNext() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("0001_create_people ... applied")
			.contains("0002_add_age ... applied")
			.contains("0003_add_city ... FAILED")
			.contains("Error: Migration 0003_add_city failed:")
			.containsIgnoringCase("NO_SUCH_TABLE")
			.contains("What to do: Check the database for what 0003_add_city did before it failed")
			.contains("then run: smalls repair 0003")
			.contains("and run: smalls migrate")
			.doesNotContain("\tat ");
		assertThat(this.migrator.status().current()).isEqualTo(2);
	}

	@Test
	void seedIsRefusedInProdWithTheCommandThatForcesIt() throws Exception {
		this.migrator.migrate(2);
		ShellSession.Result refused = this.shell.send("smalls seed");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.output()).contains("Error: Seeding refused: the profile 'prod' is active")
			.contains("run: smalls seed --force")
			.doesNotContain("with force");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM people", Integer.class)).isZero();
	}

	@Test
	void seedForceSeedsInProd() throws Exception {
		this.migrator.migrate(2);
		ShellSession.Result forced = this.shell.send("smalls seed --force");
		assertThat(forced.exitCode()).isZero();
		assertThat(forced.output()).contains("Seed is complete.");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM people", Integer.class)).isOne();
	}

}
