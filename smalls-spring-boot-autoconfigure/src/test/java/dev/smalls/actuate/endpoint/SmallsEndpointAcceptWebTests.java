package dev.smalls.actuate.endpoint;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;
import dev.smalls.schema.SchemaSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An applied schema migration edited since it was applied, over real HTTP: the status shows
 * it with its recorded checksum, writes are refused with the request that accepts it, and
 * {@code POST /actuator/smalls/accept} records the code's checksum and changes nothing else.
 * The edit is made as a deploy of changed code makes it: the recorded checksum is the old
 * code's, the code's is another.
 */
@UnrestrictedSchemaEndpointTest
class SmallsEndpointAcceptWebTests {

	private static final String OLD_CODE = "ops:0000000000000000000000000000000000000000000000000000000000000000";

	@LocalServerPort
	private int port;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	private HttpJson http;

	private String codeChecksum;

	@BeforeEach
	void fourOfFiveAppliedTheFourthEditedSince() {
		this.jdbc.execute("DROP ALL OBJECTS");
		this.migrator.migrate(4);
		this.codeChecksum = this.jdbc.queryForObject("SELECT checksum FROM smalls_history WHERE sequence_no = 4",
				String.class);
		this.jdbc.update("UPDATE smalls_history SET checksum = ? WHERE sequence_no = 4", OLD_CODE);
		this.http = new HttpJson(this.port);
	}

	@Test
	void theStatusShowsTheEditedMigrationWithItsRecordedChecksum() throws Exception {
		JsonNode migration = this.http.get("/actuator/smalls").json().get("migrations").get(3);
		assertThat(migration.get("name").asString()).isEqualTo("add_tags");
		assertThat(migration.get("state").asString()).isEqualTo("EDITED");
		assertThat(migration.get("checksum").asString()).isEqualTo(OLD_CODE);
		assertThat(this.http.get("/actuator/smalls").json().get("migrations").get(2).get("state").asString())
			.isEqualTo("APPLIED");
	}

	@Test
	void migrateIsRefusedWithTheRequestThatAcceptsTheEditAndRunsNothing() throws Exception {
		SchemaSnapshot before = SchemaSnapshot.read(this.jdbc);
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString())
			.contains("0004_add_tags was edited after it was applied");
		assertThat(response.json().get("action").asString())
			.contains("POST {\"sequence\": 4} to /actuator/smalls/accept");
		assertThat(this.migrator.status().current()).isEqualTo(4);
		assertThat(SchemaSnapshot.read(this.jdbc)).isEqualTo(before);
	}

	@Test
	void acceptRecordsTheCodesChecksumChangesNothingElseAndMigrateRunsAgain() throws Exception {
		SchemaSnapshot before = SchemaSnapshot.read(this.jdbc);
		HttpJson.Response response = this.http.post("/actuator/smalls/accept", "{\"sequence\": 4}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("sequence").asInt()).isEqualTo(4);
		assertThat(body.get("state").asString()).isEqualTo("APPLIED");
		assertThat(body.get("checksum").asString()).isEqualTo(this.codeChecksum);
		assertThat(body.get("next").asString()).contains("POST {} to /actuator/smalls/migrate");
		assertThat(SchemaSnapshot.read(this.jdbc)).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT checksum FROM smalls_history WHERE sequence_no = 4", String.class))
			.isEqualTo(this.codeChecksum);
		HttpJson.Response migrate = this.http.post("/actuator/smalls/migrate", "{}");
		assertThat(migrate.status()).as(migrate.body()).isEqualTo(200);
		assertThat(migrate.json().get("current").asInt()).isEqualTo(5);
	}

	@Test
	void acceptWithoutASequenceOrWithAKeyOfAnotherActionIsABadRequestThatChangesNothing() throws Exception {
		HttpJson.Response none = this.http.post("/actuator/smalls/accept", "{}");
		assertThat(none.status()).as(none.body()).isEqualTo(400);
		assertThat(none.json().get("error").asString()).contains("Accepting a checksum needs 'sequence'");
		HttpJson.Response other = this.http.post("/actuator/smalls/accept", "{\"sequence\": 4, \"to\": 3}");
		assertThat(other.status()).as(other.body()).isEqualTo(400);
		assertThat(other.json().get("error").asString()).contains("'to' applies to migrate and rollback only");
		assertThat(this.jdbc.queryForObject("SELECT checksum FROM smalls_history WHERE sequence_no = 4", String.class))
			.isEqualTo(OLD_CODE);
	}

	@Test
	void acceptOfAMigrationThatIsNotAppliedIsABadRequest() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/accept", "{\"sequence\": 5}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("0005_freeze_tags is not applied");
	}

}
