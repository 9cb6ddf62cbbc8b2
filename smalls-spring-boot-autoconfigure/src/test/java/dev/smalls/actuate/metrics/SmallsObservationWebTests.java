package dev.smalls.actuate.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every migration and rollback step is an observation: a timer at
 * {@code /actuator/metrics/smalls.migration} (over real HTTP) and a span in the traces.
 */
@SpringBootTest(classes = ObservationTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:observations;DB_CLOSE_DELAY=-1", "smalls.enabled=true",
				"management.endpoints.web.exposure.include=metrics" })
class SmallsObservationWebTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private SimpleTracer tracer;

	@AfterEach
	void stopFailing() {
		ObservationTestApplication.failSecond = false;
	}

	@Test
	void theStartUpMigrationsAreTimedWithOperationAndOutcomeTags() throws Exception {
		JsonNode timer = metric("");
		assertThat(timer.get("name").asString()).isEqualTo("smalls.migration");
		assertThat(count(metric("?tag=operation:migrate&tag=outcome:success"))).isGreaterThanOrEqualTo(2);
		assertThat(tagValues(timer, "operation")).contains("migrate");
		assertThat(tagValues(timer, "outcome")).contains("success");
		// High cardinality: in the spans, never in the metrics.
		assertThat(tagValues(timer, "migration")).isEmpty();
	}

	@Test
	void rollbacksAndFailuresAreTimedUnderTheirOwnTags() throws Exception {
		double rollbacks = countOrZero("?tag=operation:rollback&tag=outcome:success");
		double failures = countOrZero("?tag=operation:migrate&tag=outcome:failure");
		this.migrator.rollback(1);
		ObservationTestApplication.failSecond = true;
		assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(this.migrator::migrate);
		ObservationTestApplication.failSecond = false;
		this.migrator.migrate();
		assertThat(count(metric("?tag=operation:rollback&tag=outcome:success"))).isEqualTo(rollbacks + 1);
		assertThat(count(metric("?tag=operation:migrate&tag=outcome:failure"))).isEqualTo(failures + 1);
	}

	@Test
	void eachStepIsASpanNamingItsMigration() {
		List<SimpleSpan> spans = new ArrayList<>(this.tracer.getSpans());
		assertThat(spans).filteredOn((span) -> span.getName().equals("smalls migrate"))
			.extracting((span) -> span.getTags().get("migration"))
			.contains("0001_create_a", "0002_create_b");
	}

	@Test
	void aFailedStepIsASpanWithItsError() {
		this.migrator.rollback(1);
		ObservationTestApplication.failSecond = true;
		assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(this.migrator::migrate);
		ObservationTestApplication.failSecond = false;
		SimpleSpan failed = this.tracer.lastSpan();
		assertThat(failed.getName()).isEqualTo("smalls migrate");
		assertThat(failed.getTags()).containsEntry("migration", "0002_create_b").containsEntry("outcome", "failure");
		assertThat(failed.getError()).hasMessage("create_b was told to fail");
		this.migrator.migrate();
	}

	private JsonNode metric(String query) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/metrics/smalls.migration" + query))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private double countOrZero(String query) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/metrics/smalls.migration" + query))
				.build(), HttpResponse.BodyHandlers.ofString());
		return (response.statusCode() == 404) ? 0 : count(json.readTree(response.body()));
	}

	private static double count(JsonNode metric) {
		for (JsonNode measurement : metric.get("measurements")) {
			if (measurement.get("statistic").asString().equals("COUNT")) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("No COUNT in " + metric);
	}

	private static List<String> tagValues(JsonNode metric, String tag) {
		List<String> values = new ArrayList<>();
		for (JsonNode available : metric.get("availableTags")) {
			if (available.get("tag").asString().equals(tag)) {
				available.get("values").forEach((value) -> values.add(value.asString()));
			}
		}
		return values;
	}

}
