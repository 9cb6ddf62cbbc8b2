package dev.smalls.actuate.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of identical writes that carry {@code "expected"}, as a client retrying on a
 * timeout sends them: the first to take the migration lock acts, and every other one is a
 * conflict, never a 200 that did nothing. Each repetition is one burst against a database at
 * 0004.
 */
@UnrestrictedSchemaEndpointTest
class SmallsEndpointConcurrentWritesWebTests {

	private static final int BURST = 10;

	@LocalServerPort
	private int port;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	private final ExecutorService senders = Executors.newFixedThreadPool(BURST);

	@BeforeEach
	void emptyDatabase() {
		this.jdbc.execute("DROP ALL OBJECTS");
	}

	@AfterEach
	void stopSenders() {
		this.senders.shutdownNow();
	}

	@RepeatedTest(10)
	void identicalRollbacksToATargetRollBackOnceAndTheOthersAreConflicts() throws Exception {
		this.migrator.migrate(4);
		List<HttpJson.Response> responses = burst("{\"to\": 1, \"expected\": 4}");
		assertOneRolledBackAndTheOthersConflict(responses);
	}

	@RepeatedTest(10)
	void identicalRollbacksOfABatchRollBackOnceAndTheOthersAreConflicts() throws Exception {
		this.migrator.migrate(1);
		this.migrator.migrate(4);
		List<HttpJson.Response> responses = burst("{\"batches\": 1, \"expected\": 4}");
		assertOneRolledBackAndTheOthersConflict(responses);
	}

	private List<HttpJson.Response> burst(String body) throws Exception {
		HttpJson http = new HttpJson(this.port);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpJson.Response>> sent = new ArrayList<>();
		for (int i = 0; i < BURST; i++) {
			sent.add(this.senders.submit(() -> {
				start.await();
				return http.post("/actuator/smalls/rollback", body);
			}));
		}
		start.countDown();
		List<HttpJson.Response> responses = new ArrayList<>();
		for (Future<HttpJson.Response> response : sent) {
			responses.add(response.get(60, TimeUnit.SECONDS));
		}
		return responses;
	}

	private void assertOneRolledBackAndTheOthersConflict(List<HttpJson.Response> responses) {
		List<HttpJson.Response> ok = responses.stream().filter((response) -> response.status() == 200).toList();
		assertThat(ok).as("%s", responses).hasSize(1);
		assertThat(ok.get(0).json().get("rolledBack")).hasSize(3);
		assertThat(responses).as("%s", responses)
			.filteredOn((response) -> response.status() != 200)
			.hasSize(BURST - 1)
			.allSatisfy((response) -> {
				assertThat(response.status()).isEqualTo(409);
				// Where the database was when that request looked: 0001, or on its way there.
				assertThat(response.json().get("error").asString()).contains("not at 0004 as the request expected")
					.contains("Nothing was changed.");
			});
		assertThat(this.jdbc.queryForList("SELECT sequence_no FROM smalls_history ORDER BY sequence_no", Integer.class))
			.containsExactly(1);
	}

}
