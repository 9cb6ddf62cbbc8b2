package dev.smalls.commands;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smalls plan} on H2 (whose DDL commits at once, so the plan runs on a scratch
 * schema): the script and the JSON document list each pending migration's statements, code
 * migrations included, and the database is left as it was.
 */
class PlanCommandTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:plan-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private ByteArrayOutputStream output = new ByteArrayOutputStream();

	private int run(List<String> words, SmallsMigration... migrations) {
		this.output = new ByteArrayOutputStream();
		SmallsMigrator migrator = SmallsMigrator.builder(this.dataSource).migrations(migrations).build();
		return SmallsCommandRunner.forMigrator(migrator).build().run(words, this.output);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	@Test
	void theScriptShowsEachPendingMigrationsStatementsAndTheDatabaseStaysAsItWas() {
		SmallsMigration people = people();
		SmallsMigration fill = TestMigration.code(2, "fill_people", (jdbc) -> JdbcClient.create(this.dataSource)
			.sql("INSERT INTO people (id, name) VALUES (?, ?)")
			.params(1, "Ada")
			.update());
		assertThat(run(List.of("migrate", "--to", "1"), people, fill)).as(output()).isZero();

		assertThat(run(List.of("plan"), people, fill)).as(output()).isZero();

		assertThat(output()).contains("-- smalls plan: 1 pending migration on H2, run on a scratch schema")
			.contains("-- 0002_fill_people")
			.contains("INSERT INTO people (id, name) VALUES (?, ?);")
			.doesNotContain("CREATE TABLE people");
		assertThat(new JdbcTemplate(this.dataSource).queryForObject("SELECT COUNT(*) FROM people", Integer.class))
			.isZero();
	}

	@Test
	void theJsonDocumentListsTheStatementsAndAFailureFailsTheCommand() {
		SmallsMigration broken = TestMigration.code(2, "broken",
				(jdbc) -> jdbc.update("INSERT INTO nowhere VALUES (1)"));
		assertThat(run(List.of("plan", "--json"), people(), broken)).as(output()).isEqualTo(SmallsCommand.FAILURE);
		JsonNode document = JsonMapper.builder().build().readTree(output());
		assertThat(document.get("command").asString()).isEqualTo("plan");
		assertThat(document.get("method").asString()).isEqualTo("scratch-schema");
		JsonNode migrations = document.get("migrations");
		assertThat(migrations.get(0).get("outcome").asString()).isEqualTo("RAN");
		assertThat(migrations.get(0).get("statements").get(0).asString()).startsWith("CREATE TABLE people");
		assertThat(migrations.get(1).get("outcome").asString()).isEqualTo("FAILED");
		assertThat(document.get("error").asString()).contains("0002_broken failed where the plan ran it");
		assertThat(new JdbcTemplate(this.dataSource).queryForList(
				"SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'", String.class))
			.isEmpty();
	}

	private static SmallsMigration people() {
		return TestMigration.code(1, "create_people",
				(jdbc) -> jdbc.execute("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(50))"));
	}

}
