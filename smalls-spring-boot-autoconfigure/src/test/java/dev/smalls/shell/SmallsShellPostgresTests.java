package dev.smalls.shell;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.smalls.SmallsMigrator;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where PostgreSQL differs from H2: it rolls a failed migration's DDL back, and the shell
 * says so and what to type next.
 */
@SpringBootTest(classes = ShellTestApplication.class, properties = "shell.test.break=true")
class SmallsShellPostgresTests {

	private static final FreshDatabase database = TestDatabase.POSTGRESQL.createFreshDatabase();

	@Autowired
	private ShellSession shell;

	@Autowired
	private SmallsMigrator migrator;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::url);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@AfterAll
	static void close() {
		database.close();
	}

	@Test
	void aFailedMigrationIsRolledBackWholeAndTheShellSaysWhatToTypeNext() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("0003_add_city ... FAILED")
			.contains("Its transaction was rolled back: nothing of it is left.")
			.contains("What to do: Fix 0003_add_city, then run: smalls migrate\n")
			.doesNotContain("\tat ");
		assertThat(this.migrator.status().current()).isEqualTo(2);
	}

}
