package dev.smalls.actuate.endpoint;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationState;
import dev.smalls.SmallsMigrator;
import dev.smalls.testapp.schema.InterruptedSchemaMigration;
import dev.smalls.testapp.schema.TagsMigrations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema migrations over real HTTP: one interrupted part-way (as a killed process leaves it on
 * H2), its repair, and one that must never be rolled back.
 */
@UnrestrictedSchemaEndpointTest
class SmallsEndpointRepairWebTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	private HttpJson http;

	@BeforeEach
	void threeOfFiveApplied() {
		this.jdbc.execute("DROP ALL OBJECTS");
		this.migrator.migrate(3);
		this.http = new HttpJson(this.port);
	}

	@Test
	void anInterruptedMigrationShowsAsInterruptedInTheStatus() throws Exception {
		InterruptedSchemaMigration.leave(this.jdbc, TagsMigrations.ADD_TAGS, 1);
		JsonNode migration = this.http.get("/actuator/smalls").json().get("migrations").get(3);
		assertThat(migration.get("name").asString()).isEqualTo("add_tags");
		assertThat(migration.get("state").asString()).isEqualTo("INTERRUPTED");
	}

	@Test
	void migrateWhileAMigrationIsInterruptedIsRefusedWithTheRepairRequestToSend() throws Exception {
		InterruptedSchemaMigration.leave(this.jdbc, TagsMigrations.ADD_TAGS, 1);
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("0004_add_tags was interrupted");
		assertThat(response.json().get("action").asString())
			.contains("POST {\"sequence\": 4} to /actuator/smalls/repair");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void repairUndoesWhatTookEffectAndSaysToMigrate() throws Exception {
		InterruptedSchemaMigration.leave(this.jdbc, TagsMigrations.ADD_TAGS, 2);
		HttpJson.Response response = this.http.post("/actuator/smalls/repair", "{\"sequence\": 4}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("sequence").asInt()).isEqualTo(4);
		assertThat(body.get("undone").valueStream().map(JsonNode::asString).toList()).hasSize(2)
			.first()
			.asString()
			.startsWith("2. ");
		assertThat(body.get("state").asString()).isEqualTo("PENDING");
		assertThat(body.get("next").asString()).contains("POST {} to /actuator/smalls/migrate");
		assertThat(tables()).doesNotContain("TAGS");
		assertThat(this.migrator.status().inState(MigrationState.PENDING)).hasSize(2);
	}

	@Test
	void aRepairedMigrationMigratesAgain() throws Exception {
		InterruptedSchemaMigration.leave(this.jdbc, TagsMigrations.ADD_TAGS, 2);
		assertThat(this.http.post("/actuator/smalls/repair", "{\"sequence\": 4}").status()).isEqualTo(200);
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("current").asInt()).isEqualTo(5);
	}

	@Test
	void repairWithNothingToRepairIsABadRequestSayingWhereInterruptedMigrationsShow() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/repair", "{\"sequence\": 3}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("0003 is not an interrupted migration");
		assertThat(response.json().get("action").asString())
			.contains("GET /actuator/smalls shows a migration that needs repair as INTERRUPTED");
	}

	@Test
	void repairOfMigrationCodeChangedSinceItRanIsABadRequestThatRunsNothing() throws Exception {
		InterruptedSchemaMigration.leave(this.jdbc, TagsMigrations.ADD_TAGS, 1);
		this.jdbc.update("UPDATE smalls_history_interrupted SET fingerprint = 'what ran before'");
		HttpJson.Response response = this.http.post("/actuator/smalls/repair", "{\"sequence\": 4}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("has changed since it was interrupted");
		assertThat(response.json().get("action").asString()).contains("Restore the version of 0004_add_tags")
			.contains("POST {\"sequence\": 4} to /actuator/smalls/repair again");
		assertThat(tables()).contains("TAGS");
	}

	@Test
	void repairWithoutASequenceIsABadRequest() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/repair", "{}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("A repair needs 'sequence'");
	}

	@Test
	void aKeyOfAnotherActionIsRefusedOnRepair() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/repair", "{\"sequence\": 4, \"to\": 3}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("'to' applies to migrate and rollback only");
		assertThat(response.json().get("action").asString()).contains("{\"sequence\": 4}");
	}

	@Test
	void rollingBackAcrossAnIrreversibleMigrationIsRefusedWithHowFarToGo() throws Exception {
		this.migrator.migrate();
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback", "{\"to\": 3}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("frozen tags are shared with other systems");
		assertThat(response.json().get("action").asString()).contains("Roll back no further than 0005")
			.contains("POST {\"to\": 5} to /actuator/smalls/rollback");
		assertThat(this.migrator.status().current()).isEqualTo(5);
	}

	private java.util.List<String> tables() {
		return this.jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'",
				String.class);
	}

}
