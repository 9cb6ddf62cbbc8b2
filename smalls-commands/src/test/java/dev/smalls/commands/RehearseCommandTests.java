package dev.smalls.commands;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smalls rehearse} on H2: a clean rehearsal exits with 0, one whose rollback forgets
 * an index exits with 3 and names it, and the database is left as it was.
 */
class RehearseCommandTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:rehearse-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private ByteArrayOutputStream output = new ByteArrayOutputStream();

	private int run(SmallsMigration... migrations) {
		return run(List.of("rehearse"), migrations);
	}

	private int run(List<String> words, SmallsMigration... migrations) {
		this.output = new ByteArrayOutputStream();
		SmallsMigrator migrator = SmallsMigrator.builder(this.dataSource).migrations(migrations).build();
		return SmallsCommandRunner.forMigrator(migrator).build().run(words, this.output);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	@Test
	void aRollbackThatForgetsAnIndexIsNamedAndExitsWithThreeLeavingTheDatabaseAsItWas() {
		SmallsMigration people = TestMigration.sql(1, "create_people", "CREATE TABLE people (id INT PRIMARY KEY, "
				+ "email VARCHAR(100))", "DROP TABLE people");
		SmallsMigration index = TestMigration.sql(2, "index_email", "CREATE INDEX idx_people_email ON people (email)",
				"SELECT 1");
		assertThat(run(people, index)).as(output()).isEqualTo(SmallsCommand.FINDINGS);
		assertThat(output()).contains("0002_index_email ... PROBLEM")
			.contains("0002_index_email: its rollback left the schema other than before it was applied")
			.containsIgnoringCase("idx_people_email")
			.contains("then run: smalls rehearse")
			.doesNotContain("Error:");
		assertThat(new JdbcTemplate(this.dataSource).queryForList(
				"SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'", String.class))
			.isEmpty();
	}

	@Test
	void aCleanRehearsalSaysSoAndExitsWithZero() {
		SmallsMigration people = TestMigration.sql(1, "create_people", "CREATE TABLE people (id INT PRIMARY KEY)",
				"DROP TABLE people");
		assertThat(run(people)).as(output()).isZero();
		assertThat(output()).contains("0001_create_people ... ok").contains("Rehearsal is clean: 1 migration");
	}

	@Test
	void withNothingPendingItSaysHowToRehearseEverything() {
		SmallsMigration people = TestMigration.sql(1, "create_people", "CREATE TABLE people (id INT PRIMARY KEY)",
				"DROP TABLE people");
		assertThat(run(List.of("migrate"), people)).isZero();
		assertThat(run(people)).as(output()).isZero();
		assertThat(output()).contains("Nothing is pending").contains("smalls rehearse --all");
		assertThat(run(List.of("rehearse", "--all"), people)).as(output()).isZero();
		assertThat(output()).contains("0001_create_people ... ok");
	}

}
