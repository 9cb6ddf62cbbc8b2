package dev.smalls.actuate.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /actuator/health/smalls} over real HTTP with {@code smalls.drift.health=true}:
 * drift and edited migrations are shown as details, and the application stays UP.
 */
@SpringBootTest(classes = { HealthTestApplication.class, SmallsHealthDriftWebTests.Versioned.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:health-drift;DB_CLOSE_DELAY=-1", "smalls.enabled=true",
				"smalls.drift.health=true", "smalls.drift.record=true", "management.endpoints.web.exposure.include=health",
				"management.endpoint.health.show-details=always" })
class SmallsHealthDriftWebTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void driftAndAnEditedMigrationAreShownAndTheApplicationStaysUp() throws Exception {
		JsonNode clean = health();
		assertThat(clean.get("status").asString()).isEqualTo("UP");
		assertThat(clean.get("details").get("drift")).isEmpty();
		assertThat(clean.get("details").has("edited")).isFalse();

		this.jdbc.execute("CREATE TABLE by_hand (id INT)");
		// As the history of the migration's old code has it.
		this.jdbc.update("UPDATE smalls_history SET checksum = 'own:old' WHERE sequence_no = 4");

		JsonNode body = health();
		assertThat(body.get("status").asString()).isEqualTo("UP");
		assertThat(body.get("details").get("drift").get(0).asString()).containsIgnoringCase("table by_hand is new");
		assertThat(body.get("details").get("edited").get(0).asString()).isEqualTo("0004_create_d");
	}

	private JsonNode health() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/smalls"))
				.build(), HttpResponse.BodyHandlers.ofString());
		return json.readTree(response.body());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Versioned {

		@Bean
		SmallsMigration createD() {
			return new SmallsMigration() {

				@Override
				public int sequence() {
					return 4;
				}

				@Override
				public String name() {
					return "create_d";
				}

				@Override
				public String checksum() {
					return "v1";
				}

				@Override
				public void migrate(JdbcTemplate jdbc) {
					jdbc.execute("CREATE TABLE d (id INT)");
				}

				@Override
				public void rollback(JdbcTemplate jdbc) {
					jdbc.execute("DROP TABLE d");
				}

			};
		}

	}

}
