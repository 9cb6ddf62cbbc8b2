package dev.smalls.testapp.firstmigration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;

import dev.smalls.shell.ShellSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smalls status} typed into the shell of a JPA application that has no migration yet.
 */
@SpringBootTest(classes = FirstMigrationApplication.class,
		properties = { "spring.datasource.url=jdbc:h2:mem:first-migration;DB_CLOSE_DELAY=-1",
				"spring.jpa.hibernate.ddl-auto=none", "spring.shell.interactive.enabled=false" })
class FirstMigrationShellTests {

	@Autowired
	private CommandParser parser;

	@Autowired
	private CommandRegistry registry;

	@Test
	void statusWithoutMigrationsInAJpaApplicationPointsToGenerateAsWellAsCreate() throws Exception {
		ShellSession.Result result = new ShellSession(this.parser, this.registry).send("smalls status");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("No migrations yet. Create one with: smalls create <description>, "
				+ "or write the first from your JPA entities with: smalls generate <description>");
	}

}
