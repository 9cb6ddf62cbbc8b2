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
 * {@code smalls baseline} and {@code smalls adopt} on H2: what they print, their JSON, and
 * their exit codes. What adopt reads of Flyway's and Liquibase's histories is tested in
 * smalls-core, against the histories the real tools write.
 */
class AdoptCommandTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:adopt-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private ByteArrayOutputStream output = new ByteArrayOutputStream();

	@Test
	void baselinePrintsWhatItRecordedAndWhereTheNextMigrationStarts() {
		new JdbcTemplate(this.dataSource).execute("CREATE TABLE people (id INT PRIMARY KEY)");
		assertThat(run("baseline", "3")).as(output()).isZero();
		assertThat(output()).startsWith("smalls baseline  ")
			.contains("  0001_create_people ... recorded (baseline)")
			.contains("  0003_baseline ... recorded (baseline)")
			.contains("Recorded 2 migrations from baseline as applied. Nothing ran; the schema is as it was.")
			.contains("The next smalls migration is 0004; smalls migrate applies what follows.");
		this.output = new ByteArrayOutputStream();
		assertThat(run("status")).isZero();
		assertThat(output()).contains("0001", "create_people (baseline)", "APPLIED")
			.contains("2 migrations were recorded without smalls running them");
		this.output = new ByteArrayOutputStream();
		assertThat(run("history")).isZero();
		assertThat(output()).contains("0003_baseline (recorded without running: baseline)");
	}

	@Test
	void aSecondBaselineFailsWithWhatToDoAndExitsWithOne() {
		assertThat(run("baseline", "2")).isZero();
		this.output = new ByteArrayOutputStream();
		assertThat(run("baseline", "2")).isEqualTo(SmallsCommand.FAILURE);
		assertThat(output()).contains("Error: smalls' history is not empty")
			.contains("What to do: The database has its baseline already");
	}

	@Test
	void baselineAsJsonIsOneDocument() {
		assertThat(run("baseline", "0002", "--json")).isZero();
		JsonNode document = JsonMapper.builder().build().readTree(output());
		assertThat(document.propertyNames()).containsExactly("format", "command", "tenant", "source", "recorded",
				"toPort", "notes", "nextSequence", "schemaRecorded");
		assertThat(document.get("recorded").get(1).get("origin").asString()).isEqualTo("baseline");
		assertThat(document.get("nextSequence").asInt()).isEqualTo(3);
	}

	@Test
	void adoptWithoutAToolOrWithAnotherToolsOptionIsAUsageError() {
		assertThat(run("adopt")).isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(output()).contains("Name the tool whose history to adopt: smalls adopt flyway, or smalls adopt "
				+ "liquibase.");
		this.output = new ByteArrayOutputStream();
		assertThat(run("adopt", "flyway", "--sequence", "3")).isEqualTo(SmallsCommand.USAGE_ERROR);
		this.output = new ByteArrayOutputStream();
		assertThat(run("adopt", "flyway", "--map", "1.1")).isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(output()).contains("--map takes <version>=<sequence> pairs");
	}

	@Test
	void adoptingAToolsHistoryThatIsNotThereFailsAndRecordsNothing() {
		assertThat(run("adopt", "flyway", "--json")).isEqualTo(SmallsCommand.FAILURE);
		JsonNode document = JsonMapper.builder().build().readTree(output());
		assertThat(document.get("error").asString())
			.isEqualTo("There is no Flyway history table flyway_schema_history in this database. Nothing was recorded.");
		this.output = new ByteArrayOutputStream();
		assertThat(run("adopt", "liquibase", "--table", "CHANGES")).isEqualTo(SmallsCommand.FAILURE);
		assertThat(output()).contains("Error: There is no Liquibase change log table CHANGES in this database.");
	}

	@Test
	void adoptLiquibaseIsRefusedNamingTheChangeSetsTheCheckFoundPending() {
		liquibaseRan();
		LiquibasePendingChangeSets pending = (migrator, options) -> LiquibasePendingChangeSets.Check
			.of(List.of("db/changelog/main.yaml::2::ada"));
		assertThat(run(pending, "adopt", "liquibase")).isEqualTo(SmallsCommand.FAILURE);
		assertThat(output()).contains("Error: The change log has 1 change set this database has not run: "
				+ "db/changelog/main.yaml::2::ada.")
			.contains("Nothing was recorded.")
			.contains("What to do: Apply them with liquibase update");
		this.output = new ByteArrayOutputStream();
		assertThat(run(LiquibasePendingChangeSets.UNCHECKED, "status")).isZero();
		assertThat(output()).doesNotContain("recorded (baseline");
	}

	@Test
	void adoptLiquibaseWithoutAChangeLogToCheckAdoptsAndSaysWhatWasNotChecked() {
		liquibaseRan();
		assertThat(run("adopt", "liquibase")).as(output()).isZero();
		assertThat(output()).contains("0000_liquibase ... recorded (baseline liquibase 1 change set")
			.contains("Note: Liquibase's pending change sets could not be checked: this application does not know "
					+ "Liquibase's change log. Check with liquibase status that none is pending on this database");
	}

	/** The columns of Liquibase's change log that adopt reads, with one change set run. */
	private void liquibaseRan() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.execute("CREATE TABLE DATABASECHANGELOG (ID VARCHAR(255), AUTHOR VARCHAR(255), FILENAME VARCHAR(255), "
				+ "ORDEREXECUTED INT, EXECTYPE VARCHAR(10))");
		jdbc.update("INSERT INTO DATABASECHANGELOG VALUES ('1', 'ada', 'db/changelog/main.yaml', 1, 'EXECUTED')");
	}

	private int run(LiquibasePendingChangeSets pending, String... words) {
		SmallsMigrator migrator = SmallsMigrator.builder(this.dataSource).migrations(PEOPLE).build();
		return SmallsCommandRunner.forMigrator(migrator)
			.liquibasePending(pending)
			.build()
			.run(List.of(words), this.output);
	}

	private int run(String... words) {
		SmallsMigrator migrator = SmallsMigrator.builder(this.dataSource).migrations(PEOPLE).build();
		return SmallsCommandRunner.forMigrator(migrator).build().run(List.of(words), this.output);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	private static final SmallsMigration PEOPLE = new SmallsMigration() {

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public String name() {
			return "create_people";
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("CREATE TABLE people (id INT PRIMARY KEY)");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("DROP TABLE people");
		}

	};

}
