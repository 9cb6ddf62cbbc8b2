package dev.smalls.testapp.data;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real application over real HTTP whose backfill runs once it is ready: it serves, ready
 * and healthy, while the backfill runs; the endpoint and the gauges show its progress; an
 * operator pauses and resumes it over HTTP; the migration that waits for it is applied by the
 * next migrate.
 */
@SpringBootTest(classes = DataMigrationApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:data-migrations;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
				"smalls.enabled=true", "smalls.data.poll-interval=200ms",
				"management.endpoints.web.exposure.include=smalls,health,metrics",
				"management.endpoint.smalls.access=unrestricted", "management.endpoint.health.show-details=always",
				"management.endpoint.health.probes.enabled=true" })
class DataMigrationApplicationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	static {
		// Closed before the application starts: its first batch waits until the test opens it.
		M0002FillFullName.GATE = new CountDownLatch(1);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theApplicationServesWhileItsBackfillRunsAndAnOperatorPausesAndResumesIt() throws Exception {
		// Started, ready and healthy while the first batch is held.
		JsonNode data = await().atMost(Duration.ofSeconds(10))
			.until(() -> get("/actuator/smalls").get("dataMigrations").get(0),
					(migration) -> migration.get("state").asString().equals("RUNNING"));
		assertThat(data.get("name").asString()).isEqualTo("fill_full_name");
		assertThat(data.get("rowsTotal").asLong()).isEqualTo(M0001CreatePeople.PEOPLE);
		assertThat(status("/actuator/health/readiness")).isEqualTo(200);
		JsonNode health = get("/actuator/health/smalls");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("details").get("dataMigrations").get(0).asString())
			.startsWith("0002_fill_full_name RUNNING 0% (0 of 3,000 rows)");
		assertThat(get("/actuator/smalls").get("migrations").get(2).get("state").asString()).isEqualTo("PENDING");

		// Paused while its first batch runs: that batch commits, and the next does not start.
		CompletableFuture<JsonNode> paused = CompletableFuture.supplyAsync(() -> post("/actuator/smalls/pause",
				"{\"sequence\": 2}"));
		Thread.sleep(200);
		M0002FillFullName.GATE.countDown();
		assertThat(paused.get().get("state").asString()).isEqualTo("PAUSED");
		// The runner stops at its next batch (on H2, whose lock waits are not queued fairly, a
		// batch or a few after the one in hand): the count stays where it stopped.
		int filled = await().atMost(Duration.ofSeconds(10)).until(this::filledAfterAPause, (count) -> count > 0);
		assertThat(filled % 100).isZero();
		assertThat(filled).isLessThan(M0001CreatePeople.PEOPLE);
		JsonNode gauge = get("/actuator/metrics/smalls.data.rows.done?tag=migration:0002_fill_full_name");
		assertThat(gauge.get("measurements").get(0).get("value").asDouble()).isEqualTo(filled);
		assertThat(get("/actuator/smalls").get("dataMigrations").get(0).get("message").asString())
			.isEqualTo("paused by actuator");

		// Resumed over HTTP: the background runner takes it up again at its next look.
		assertThat(post("/actuator/smalls/resume", "{\"sequence\": 2}").get("state").asString()).isEqualTo("RUNNING");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> get("/actuator/smalls").get("dataMigrations").get(0).get("state").asString(),
					"DONE"::equals);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM people WHERE full_name = first_name || ' ' || "
				+ "last_name", Integer.class)).isEqualTo(M0001CreatePeople.PEOPLE);
		JsonNode migrated = post("/actuator/smalls/migrate", "{}");
		assertThat(migrated.get("applied").get(0).get("sequence").asInt()).isEqualTo(3);
		assertThat(get("/actuator/health/smalls").get("details").has("dataMigrations")).isFalse();
	}

	@Test
	void aPauseWithoutASequenceOrOfAMigrationThatIsNotDataIsRefused() throws Exception {
		assertThat(post("/actuator/smalls/pause", "{}").get("error").asString()).contains("give its 'sequence'");
		assertThat(post("/actuator/smalls/cancel", "{\"sequence\": 1}").get("error").asString())
			.contains("the code has no data migration with that sequence (it has 0002_fill_full_name)");
	}

	/** The rows filled once they stop changing for 600 ms, 0 while they still change. */
	private int filledAfterAPause() throws InterruptedException {
		String count = "SELECT COUNT(*) FROM people WHERE full_name IS NOT NULL";
		int before = this.jdbc.queryForObject(count, Integer.class);
		Thread.sleep(600);
		int after = this.jdbc.queryForObject(count, Integer.class);
		return (before == after) ? after : 0;
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(path)).build(),
				HttpResponse.BodyHandlers.ofString());
		return json.readTree(response.body());
	}

	private int status(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

	private JsonNode post(String path, String body) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			return json.readTree(response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
