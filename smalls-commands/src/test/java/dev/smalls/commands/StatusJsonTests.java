package dev.smalls.commands;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenant;
import dev.smalls.SmallsTenants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status --json} and {@code history --json} on H2: one JSON document on the output and
 * nothing else, whatever the outcome, its values the database's, and the exit code as without
 * {@code --json}.
 */
class StatusJsonTests {

	/** Text a person could put in a migration's name or a database's message, read back as is. */
	private static final String HOSTILE = "quote \" backslash \\ line\nbreak tab\t bell\u0007 nul\u0000 é 😀 \u2028 "
			+ "\"}, {\"injected\": true";

	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:status-json-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private String output = "";

	@Test
	void statusIsOneDocumentWithTheDatabasesStateAndNoHeader() {
		assertThat(run(runner(migrator(notes("v1"), tags())), "migrate", "--to", "1")).isZero();

		assertThat(run(runner(migrator(notes("v1"), tags())), "status", "--json")).as(this.output).isZero();
		JsonNode status = document();
		assertThat(status.propertyNames()).containsExactly("format", "command", "tenant", "current", "pending",
				"migrations", "notes");
		assertThat(status.get("format").asInt()).isEqualTo(1);
		assertThat(status.get("command").asString()).isEqualTo("status");
		assertThat(status.get("tenant").isNull()).isTrue();
		assertThat(status.get("current").asInt()).isEqualTo(1);
		assertThat(status.get("pending").asInt()).isEqualTo(1);
		assertThat(status.get("notes").isEmpty()).isTrue();
		assertThat(status.get("migrations").size()).isEqualTo(2);

		JsonNode applied = status.get("migrations").get(0);
		assertThat(applied.propertyNames()).containsExactly("sequence", "name", "state", "batch", "migratedAt",
				"executionMillis", "appliedBy", "checksum", "origin");
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM smalls_history WHERE sequence_no = 1");
		assertThat(applied.get("sequence").asInt()).isEqualTo(1);
		assertThat(applied.get("name").asString()).isEqualTo("create_notes").isEqualTo(row.get("NAME"));
		assertThat(applied.get("state").asString()).isEqualTo("APPLIED");
		assertThat(applied.get("batch").asInt()).isEqualTo(row.get("BATCH"));
		assertThat(applied.get("migratedAt").asString())
			.isEqualTo(((Timestamp) row.get("APPLIED_AT")).toInstant().toString())
			.endsWith("Z");
		assertThat(applied.get("executionMillis").asLong()).isEqualTo(row.get("EXECUTION_MS"));
		assertThat(applied.get("appliedBy").asString()).isEqualTo(row.get("APPLIED_BY")).contains("@");
		assertThat(applied.get("checksum").asString()).isEqualTo(row.get("CHECKSUM")).startsWith("own:");

		JsonNode pending = status.get("migrations").get(1);
		assertThat(pending.get("sequence").asInt()).isEqualTo(2);
		assertThat(pending.get("state").asString()).isEqualTo("PENDING");
		for (String field : List.of("batch", "migratedAt", "executionMillis", "appliedBy", "checksum")) {
			assertThat(pending.get(field).isNull()).as(field).isTrue();
		}
	}

	@Test
	void anAppliedMigrationEditedSinceIsEditedWithTheChecksumRecordedWhenItRan() {
		assertThat(run(runner(migrator(notes("v1"))), "migrate")).isZero();
		String recorded = this.jdbc.queryForObject("SELECT checksum FROM smalls_history WHERE sequence_no = 1",
				String.class);

		assertThat(run(runner(migrator(notes("v2"))), "status", "--json")).as(this.output).isZero();
		JsonNode edited = document().get("migrations").get(0);
		assertThat(edited.get("state").asString()).isEqualTo("EDITED");
		assertThat(edited.get("checksum").asString()).isEqualTo(recorded);
	}

	@Test
	void historyIsTheAppliedMigrationsNewestFirstAsStatusShowsThem() {
		assertThat(run(runner(migrator(notes("v1"))), "migrate")).isZero();
		assertThat(run(runner(migrator(notes("v1"), tags())), "migrate")).isZero();

		assertThat(run(runner(migrator(notes("v1"), tags(), comments())), "history", "--json")).as(this.output)
			.isZero();
		JsonNode history = document();
		assertThat(history.propertyNames()).containsExactly("format", "command", "tenant", "migrations");
		assertThat(history.get("command").asString()).isEqualTo("history");
		JsonNode migrations = history.get("migrations");
		assertThat(migrations.size()).isEqualTo(2);
		assertThat(migrations.get(0).get("name").asString()).isEqualTo("create_tags");
		assertThat(migrations.get(0).get("batch").asInt()).isEqualTo(2);
		assertThat(migrations.get(1).get("name").asString()).isEqualTo("create_notes");
		assertThat(migrations.get(1).get("batch").asInt()).isEqualTo(1);
		assertThat(migrations.get(0).propertyNames()).containsExactly("sequence", "name", "state", "batch",
				"migratedAt", "executionMillis", "appliedBy", "checksum", "origin");
	}

	@Test
	void historyOfNothingAppliedIsAnEmptyList() {
		assertThat(run(runner(migrator(notes("v1"))), "history", "--json")).as(this.output).isZero();
		assertThat(document().get("migrations").isEmpty()).isTrue();
	}

	@Test
	void aHostileNameInTheHistoryIsReadBackExactly() {
		assertThat(run(runner(migrator(notes("v1"))), "migrate")).isZero();
		// A row whose migration is gone from the code: its name comes from the table.
		this.jdbc.update("INSERT INTO smalls_history (sequence_no, name, batch, applied_at, execution_ms, applied_by) "
				+ "VALUES (9, ?, 2, CURRENT_TIMESTAMP, 1, ?)", HOSTILE, HOSTILE);

		assertThat(run(runner(migrator(notes("v1"))), "status", "--json")).as(this.output).isZero();
		assertThat(this.output).doesNotContain("\u0000").doesNotContain("\u0007");
		JsonNode status = document();
		assertThat(status.has("injected")).isFalse();
		JsonNode missing = status.get("migrations").get(1);
		assertThat(missing.get("state").asString()).isEqualTo("MISSING");
		assertThat(missing.get("name").asString()).isEqualTo(HOSTILE);
		assertThat(missing.get("appliedBy").asString()).isEqualTo(HOSTILE);
		assertThat(missing.get("checksum").isNull()).isTrue();

		assertThat(run(runner(migrator(notes("v1"))), "history", "--json")).as(this.output).isZero();
		assertThat(document().get("migrations").get(0).get("name").asString()).isEqualTo(HOSTILE);
	}

	@Test
	void aFailureIsADocumentWithTheErrorAndWhatToDoAndExitsWithOne() {
		DataSource broken = new DriverManagerDataSource("jdbc:h2:mem:unused") {

			@Override
			public Connection getConnection() throws SQLException {
				throw new SQLException(HOSTILE, "08001");
			}

		};
		SmallsMigrator migrator = SmallsMigrator.builder(broken).migrations(notes("v1")).build();

		assertThat(run(runner(migrator), "status", "--json")).as(this.output).isEqualTo(SmallsCommand.FAILURE);
		JsonNode failure = document();
		assertThat(failure.propertyNames()).containsExactly("format", "command", "error", "action");
		assertThat(failure.get("command").asString()).isEqualTo("status");
		assertThat(failure.get("error").asString()).contains(HOSTILE);
		assertThat(failure.get("action").asString()).isNotBlank();

		assertThat(run(runner(migrator), "history", "--json")).as(this.output).isEqualTo(SmallsCommand.FAILURE);
		assertThat(document().get("error").asString()).contains(HOSTILE);
	}

	@Test
	void aWrongCommandLineIsADocumentWithTheErrorAndTheUsageAndExitsWithTwo() {
		SmallsCommandRunner runner = runner(migrator(notes("v1")));

		assertThat(run(runner, "status", "--json", "--to", "3")).as(this.output).isEqualTo(SmallsCommand.USAGE_ERROR);
		JsonNode unknownOption = document();
		assertThat(unknownOption.get("error").asString()).contains("Unknown option '--to'");
		assertThat(unknownOption.get("action").asString())
			.isEqualTo("Type it as: smalls status [--tenant ID | --all-tenants] [--json]");

		assertThat(run(runner, "history", "--json", "--tenant", "acme")).as(this.output)
			.isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(document().get("error").asString()).contains("--tenant needs tenants");

		assertThat(run(runner, "statuz", "--json")).as(this.output).isEqualTo(SmallsCommand.USAGE_ERROR);
		JsonNode unknownCommand = document();
		assertThat(unknownCommand.get("command").asString()).isEqualTo("statuz");
		assertThat(unknownCommand.get("error").asString()).isEqualTo("Unknown command 'smalls statuz --json'.");
	}

	@Test
	void helpIsADocumentToo() {
		assertThat(run(runner(migrator(notes("v1"))), "status", "--json", "--help")).as(this.output).isZero();
		assertThat(document().get("usage").asString()).startsWith("smalls status");
	}

	@Test
	void withoutJsonTheOutputIsTheTextItWas() {
		assertThat(run(runner(migrator(notes("v1"))), "status")).isZero();
		assertThat(this.output).startsWith("smalls status  ").containsPattern("0001\\s+create_notes\\s+PENDING");
		assertThat(run(runner(migrator(notes("v1"))), "status", "--json=false")).isZero();
		assertThat(this.output).startsWith("smalls status  ");
	}

	@Test
	void aTenantsStatusIsTheFullDocumentNamingTheTenant() {
		SmallsTenants tenants = tenants(List.of(new SmallsTenant("acme", this.dataSource, "acme")));
		assertThat(run(runner(migrator(notes("v1")), tenants), "status", "--tenant", "acme", "--json"))
			.as(this.output)
			.isZero();
		JsonNode status = document();
		assertThat(status.get("tenant").asString()).isEqualTo("acme");
		assertThat(status.get("pending").asInt()).isEqualTo(2);
		assertThat(status.get("migrations").get(1).get("name").asString()).isEqualTo("create_tags");
	}

	@Test
	void everyTenantIsAtAGlanceAndOneThatFailedHasItsErrorAndTheCommandExitsWithOne() {
		DataSource broken = new DriverManagerDataSource("jdbc:h2:mem:unused") {

			@Override
			public Connection getConnection() throws SQLException {
				throw new SQLException(HOSTILE, "08001");
			}

		};
		SmallsTenants tenants = tenants(List.of(new SmallsTenant("acme", this.dataSource, "acme"),
				new SmallsTenant("globex", broken, "globex")));
		SmallsCommandRunner runner = runner(migrator(notes("v1")), tenants);
		assertThat(run(runner, "migrate", "--tenant", "acme", "--to", "1")).as(this.output).isZero();

		assertThat(run(runner, "status", "--all-tenants", "--json")).as(this.output).isEqualTo(SmallsCommand.FAILURE);
		JsonNode status = document();
		assertThat(status.propertyNames()).containsExactly("format", "command", "tenants", "error", "action");
		JsonNode acme = status.get("tenants").get("acme");
		assertThat(acme.propertyNames()).containsExactly("current", "pending", "missing", "interrupted", "edited");
		assertThat(acme.get("current").asInt()).isEqualTo(1);
		assertThat(acme.get("pending").asInt()).isEqualTo(1);
		assertThat(acme.get("edited").asInt()).isZero();
		JsonNode globex = status.get("tenants").get("globex");
		assertThat(globex.propertyNames()).containsExactly("error", "action");
		assertThat(globex.get("error").asString()).contains(HOSTILE);
		assertThat(status.get("error").asString()).contains("1 of 2 tenants did not complete: globex");
		assertThat(status.get("action").asString()).contains("--tenant globex");
	}

	@Test
	void everyTenantAtAGlanceExitsWithZeroWhenAllCouldBeRead() {
		SmallsTenants tenants = tenants(List.of(new SmallsTenant("acme", this.dataSource, "acme")));
		assertThat(run(runner(migrator(notes("v1")), tenants), "status", "--all-tenants", "--json"))
			.as(this.output)
			.isZero();
		JsonNode status = document();
		assertThat(status.propertyNames()).containsExactly("format", "command", "tenants");
		assertThat(status.get("tenants").get("acme").get("pending").asInt()).isEqualTo(2);
	}

	/** The output, read as exactly one JSON document: anything before or after it fails. */
	private JsonNode document() {
		assertThat(this.output).startsWith("{").endsWith("}" + System.lineSeparator());
		return json.readTree(this.output);
	}

	private int run(SmallsCommandRunner runner, String... words) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int code = runner.run(List.of(words), bytes);
		this.output = bytes.toString(StandardCharsets.UTF_8);
		return code;
	}

	private static SmallsCommandRunner runner(SmallsMigrator migrator) {
		return SmallsCommandRunner.forMigrator(migrator).build();
	}

	private static SmallsCommandRunner runner(SmallsMigrator migrator, SmallsTenants tenants) {
		return SmallsCommandRunner.forMigrator(migrator).tenants(tenants).build();
	}

	private SmallsMigrator migrator(SmallsMigration... migrations) {
		return SmallsMigrator.builder(this.dataSource).migrations(migrations).build();
	}

	private SmallsTenants tenants(List<SmallsTenant> tenants) {
		// smalls does not create a tenant's schema.
		this.jdbc.execute("CREATE SCHEMA IF NOT EXISTS acme");
		return SmallsTenants.builder((tenant) -> SmallsMigrator.builder(tenant.dataSource())
			.schema(tenant.schema())
			.migrations(notes("v1"), tags())
			.build()).tenants(tenants).build();
	}

	private static SmallsMigration notes(String checksum) {
		return TestMigration.sql(1, "create_notes", checksum, "CREATE TABLE notes (id INT PRIMARY KEY)",
				"DROP TABLE notes");
	}

	private static SmallsMigration tags() {
		return TestMigration.sql(2, "create_tags", "t1", "CREATE TABLE tags (id INT PRIMARY KEY)",
				"DROP TABLE tags");
	}

	private static SmallsMigration comments() {
		return TestMigration.sql(3, "create_comments", "c1", "CREATE TABLE comments (id INT PRIMARY KEY)",
				"DROP TABLE comments");
	}

}
