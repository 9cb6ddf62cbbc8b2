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
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smalls lint} on H2, where only the rules for any database apply: a migration that
 * drops a column the application maps is found with exit code 3 (text and JSON), an
 * acknowledged one is not a problem, and {@code --rules} lists the rules.
 */
class LintCommandTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:lint-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private ByteArrayOutputStream output = new ByteArrayOutputStream();

	private int run(SmallsMigration migration, String... words) {
		this.output = new ByteArrayOutputStream();
		SmallsMigrator migrator = SmallsMigrator.builder(this.dataSource).migrations(migration)
			.lintMapped(List.of("people", "people.email"))
			.build();
		return SmallsCommandRunner.forMigrator(migrator).build().run(List.of(words), this.output);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	@Test
	void aMappedColumnDroppedIsAProblemWithExitCodeThreeAndItsSafeWay() {
		new JdbcTemplate(this.dataSource).execute("CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(100))");

		assertThat(run(dropEmail(false), "lint")).as(output()).isEqualTo(SmallsCommand.FINDINGS);
		assertThat(output()).contains("error [mapped-column-dropped] 0002_drop_email: dropColumn people.email")
			.contains("safe way: Contract in a later release")
			.contains("no lock rules are written for H2")
			.contains("schema.acknowledge(");

		assertThat(run(dropEmail(false), "lint", "--json")).as(output()).isEqualTo(SmallsCommand.FINDINGS);
		JsonNode document = JsonMapper.builder().build().readTree(output());
		assertThat(document.get("command").asString()).isEqualTo("lint");
		assertThat(document.get("problems").asInt()).isEqualTo(1);
		assertThat(document.get("findings").get(0).get("rule").asString()).isEqualTo("mapped-column-dropped");
		assertThat(document.get("findings").get(0).get("severity").asString()).isEqualTo("ERROR");
	}

	@Test
	void anAcknowledgedFindingIsShownAndTheExitCodeIsZero() {
		new JdbcTemplate(this.dataSource).execute("CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(100))");

		assertThat(run(dropEmail(true), "lint")).as(output()).isZero();
		assertThat(output()).contains("acknowledged: the model stopped mapping it a release ago");
	}

	@Test
	void nothingPendingLintsNothing() {
		new JdbcTemplate(this.dataSource).execute("CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(100))");
		assertThat(run(dropEmail(true), "migrate")).as(output()).isZero();

		assertThat(run(dropEmail(false), "lint")).as(output()).isZero();
		assertThat(output()).contains("Nothing is pending");
	}

	@Test
	void theRulesAreListedWithTheirDatabases() {
		assertThat(run(dropEmail(false), "lint", "--rules")).as(output()).isZero();
		assertThat(output()).contains("pg-index-not-concurrent (PostgreSQL): CREATE INDEX without CONCURRENTLY")
			.contains("mysql-column-type-change (MariaDB/MySQL)")
			.contains("mapped-column-dropped (any database)");
	}

	private static SchemaMigration dropEmail(boolean acknowledged) {
		return new SchemaMigration() {

			@Override
			public int sequence() {
				return 2;
			}

			@Override
			public String name() {
				return "drop_email";
			}

			@Override
			public void change(Schema schema) {
				schema.dropColumn("people", "email", ColumnType.varchar(100));
				if (acknowledged) {
					schema.acknowledge("mapped-column-dropped", "the model stopped mapping it a release ago");
				}
			}

		};
	}

}
