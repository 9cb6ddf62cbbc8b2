package dev.smalls.actuate.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.testsupport.BlockingRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code GET /actuator/health/smalls} over real HTTP, in an application that migrates on
 * start-up up to {@code smalls.target=2} of its three migrations.
 */
@SpringBootTest(classes = HealthTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:health;DB_CLOSE_DELAY=-1", "smalls.enabled=true",
				"smalls.target=2", "management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always" })
class SmallsHealthWebTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void atTheTarget() {
		HealthTestApplication.failThird = false;
		this.jdbc.execute("DROP ALL OBJECTS");
		this.migrator.migrate(2);
	}

	@AfterEach
	void stopFailing() {
		HealthTestApplication.failThird = false;
	}

	@Test
	void upWithWhereTheDatabaseStands() throws Exception {
		HttpResponse<String> response = health();
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("status").asString()).isEqualTo("UP");
		JsonNode details = body.get("details");
		assertThat(details.get("current").asInt()).isEqualTo(2);
		assertThat(details.get("pending").asInt()).isEqualTo(1);
		assertThat(details.get("missing").asInt()).isZero();
		assertThat(details.get("locked").asBoolean()).isFalse();
		assertThat(details.get("table").asString()).isEqualTo("smalls_history");
	}

	@Test
	void outOfServiceWhenAMigrationStartUpAppliesIsRolledBackUnderTheApplication() throws Exception {
		this.migrator.rollback(1);
		HttpResponse<String> response = health();
		assertThat(response.statusCode()).isEqualTo(503);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("status").asString()).isEqualTo("OUT_OF_SERVICE");
		assertThat(body.get("details").get("pending").asInt()).isEqualTo(2);
		assertThat(body.get("details").get("reason").asString()).contains("1 migration(s) that start-up applies");
	}

	@Test
	void downAfterAFailedRunUntilARunCompletes() throws Exception {
		HealthTestApplication.failThird = true;
		assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(this.migrator::migrate);
		HttpResponse<String> down = health();
		assertThat(down.statusCode()).isEqualTo(503);
		JsonNode details = json.readTree(down.body()).get("details");
		assertThat(json.readTree(down.body()).get("status").asString()).isEqualTo("DOWN");
		assertThat(details.get("failed").asString()).isEqualTo("0003_create_c");
		// It failed before it ran a statement: nothing of it was committed, and the database says so.
		assertThat(details.get("outcome").asString()).isEqualTo("ROLLED_BACK");
		assertThat(details.get("error").asString()).contains("create_c was told to fail");
		HealthTestApplication.failThird = false;
		this.migrator.migrate();
		assertThat(health().statusCode()).isEqualTo(200);
	}

	@Test
	void missingMigrationsFromANewerVersionKeepItUp() throws Exception {
		SmallsMigrator newerVersion = SmallsMigrator.builder(this.jdbc.getDataSource())
			.migrations(SqlMigration.table(9))
			.build();
		newerVersion.migrate();
		HttpResponse<String> response = health();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).get("details").get("missing").asInt()).isEqualTo(1);
	}

	@Test
	void lockedWhileAnotherInstanceIsMigrating() throws Exception {
		try (BlockingRun run = BlockingRun.start(this.jdbc.getDataSource(), 8)) {
			JsonNode details = json.readTree(health().body()).get("details");
			assertThat(details.get("locked").asBoolean()).isTrue();
		}
		assertThat(json.readTree(health().body()).get("details").get("locked").asBoolean()).isFalse();
	}

	private HttpResponse<String> health() throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/smalls"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
