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
 * {@code GET /actuator/smalls/drift}, {@code /plan} and {@code /lint} over real HTTP: drift names a column
 * added by hand, the plan lists each pending migration's statements, and neither changes the
 * database.
 */
@UnrestrictedSchemaEndpointTest
class SmallsEndpointReadViewsWebTests {

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
	void driftNamesAColumnAddedByHand() throws Exception {
		JsonNode clean = this.http.get("/actuator/smalls/drift").json();
		assertThat(clean.get("recorded").asBoolean()).isTrue();
		assertThat(clean.get("drifted").asBoolean()).isFalse();
		this.jdbc.execute("CREATE TABLE by_hand (id INT)");
		HttpJson.Response response = this.http.get("/actuator/smalls/drift");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("drifted").asBoolean()).isTrue();
		assertThat(response.json().get("differences").get(0).asString()).containsIgnoringCase("table by_hand is new");
	}

	@Test
	void thePlanListsThePendingMigrationsStatementsAndChangesNothing() throws Exception {
		SchemaSnapshot before = SchemaSnapshot.read(this.jdbc);
		HttpJson.Response response = this.http.get("/actuator/smalls/plan");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode migrations = response.json().get("migrations");
		assertThat(migrations.size()).isEqualTo(2);
		assertThat(migrations.get(0).get("name").asString()).isEqualTo("add_tags");
		assertThat(migrations.get(0).get("outcome").asString()).isEqualTo("RAN");
		assertThat(migrations.get(0).get("statements").get(0).asString()).containsIgnoringCase("CREATE TABLE tags");
		assertThat(SchemaSnapshot.read(this.jdbc)).isEqualTo(before);
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void lintLintsThePendingMigrationsAndSaysWhichRulesApply() throws Exception {
		HttpJson.Response response = this.http.get("/actuator/smalls/lint");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("database").asString()).isEqualTo("H2");
		assertThat(response.json().get("migrations").asInt()).isEqualTo(2);
		assertThat(response.json().get("problems").asInt()).isZero();
		assertThat(response.json().get("notes").get(0).asString()).contains("no lock rules are written for H2");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void statusShowsTheOriginOfMigrationsRecordedByABaseline() throws Exception {
		this.jdbc.execute("DROP ALL OBJECTS");
		this.migrator.baseline(2);
		HttpJson.Response response = this.http.get("/actuator/smalls");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode migrations = response.json().get("migrations");
		assertThat(migrations.get(0).get("state").asString()).isEqualTo("APPLIED");
		assertThat(migrations.get(0).get("origin").asString()).isEqualTo("baseline");
		assertThat(migrations.get(2).get("state").asString()).isEqualTo("PENDING");
		assertThat(migrations.get(2).get("origin").isNull()).isTrue();
	}

	@Test
	void anotherViewIsNotFound() throws Exception {
		HttpJson.Response response = this.http.get("/actuator/smalls/drfit");
		assertThat(response.status()).as(response.body()).isEqualTo(404);
		assertThat(response.json().get("action").asString()).contains("/actuator/smalls/drift");
	}

}
