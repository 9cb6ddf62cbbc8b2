package dev.smalls.commands;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smalls drift} on H2: nothing recorded, no drift after a migrate, a column added by
 * hand found and named with exit code 3 (text and JSON), and accepted.
 */
class DriftCommandTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:drift-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private ByteArrayOutputStream output = new ByteArrayOutputStream();

	private int run(String... words) {
		this.output = new ByteArrayOutputStream();
		SmallsMigrator migrator = SmallsMigrator.builder(this.dataSource).migrations(people()).recordSchema(true)
			.build();
		return SmallsCommandRunner.forMigrator(migrator).build().run(List.of(words), this.output);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	@Test
	void driftIsFoundNamedAndAccepted() {
		assertThat(run("drift")).as(output()).isZero();
		assertThat(output()).contains("smalls has not recorded the schema").contains("smalls.drift.record=true");
		assertThat(run("migrate")).as(output()).isZero();
		assertThat(run("drift")).as(output()).isZero();
		assertThat(output()).contains("No drift");

		this.jdbc.execute("ALTER TABLE people ADD COLUMN nickname VARCHAR(20)");

		assertThat(run("drift")).as(output()).isEqualTo(SmallsCommand.FINDINGS);
		assertThat(output()).containsIgnoringCase("column people.nickname is new")
			.contains("smalls drift --accept")
			.doesNotContain("Error:");
		assertThat(run("drift", "--json")).as(output()).isEqualTo(SmallsCommand.FINDINGS);
		JsonNode document = JsonMapper.builder().build().readTree(output());
		assertThat(document.get("command").asString()).isEqualTo("drift");
		assertThat(document.get("recorded").asBoolean()).isTrue();
		assertThat(document.get("differences").get(0).asString()).containsIgnoringCase("people.nickname is new");

		assertThat(run("drift", "--accept")).as(output()).isZero();
		assertThat(output()).containsIgnoringCase("accepted: column people.nickname is new");
		assertThat(run("drift")).as(output()).isZero();
		assertThat(output()).contains("No drift");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM people", Integer.class)).isZero();
	}

	private static SmallsMigration people() {
		return TestMigration.sql(1, "create_people", "CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(50))",
				"DROP TABLE people");
	}

}
