package dev.smalls.actuate.endpoint;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A write request that carries the current sequence its sender expects runs only while the
 * database is still there: a retried request cannot run twice.
 */
@UnrestrictedEndpointTest
class SmallsEndpointExpectedSequenceTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private ExpectedSequenceGuard guard;

	@Autowired
	private JdbcTemplate jdbc;

	private HttpJson http;

	@BeforeEach
	void allThreeAppliedInTwoBatches() {
		this.jdbc.execute("DROP ALL OBJECTS");
		this.migrator.migrate(2);
		this.migrator.migrate();
		this.http = new HttpJson(this.port);
	}

	@Test
	void aRollbackAtTheExpectedSequenceRuns() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback", "{\"batches\": 1, \"expected\": 3}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("current").asInt()).isEqualTo(2);
	}

	@Test
	void aRetriedRollbackOfOneBatchIsAConflictAndRollsBackNothingMore() throws Exception {
		String request = "{\"batches\": 1, \"expected\": 3}";
		assertThat(this.http.post("/actuator/smalls/rollback", request).status()).isEqualTo(200);
		HttpJson.Response retry = this.http.post("/actuator/smalls/rollback", request);
		assertThat(retry.status()).as(retry.body()).isEqualTo(409);
		assertThat(retry.json().get("error").asString())
			.contains("The database is at 0002, not at 0003 as the request expected")
			.contains("Nothing was changed.");
		assertThat(retry.json().get("action").asString()).contains("\"expected\": 2");
		assertThat(retry.json().get("current").asInt()).isEqualTo(2);
		assertThat(this.migrator.status().current()).isEqualTo(2);
	}

	@Test
	void aMigrateWithAStaleExpectationIsAConflictAndAppliesNothing() throws Exception {
		this.migrator.rollback(1);
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{\"expected\": 3}");
		assertThat(response.status()).as(response.body()).isEqualTo(409);
		assertThat(this.migrator.status().current()).isEqualTo(1);
	}

	@Test
	void aRollbackWithNothingToDoAtTheExpectedSequenceIsDone() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback", "{\"to\": 3, \"expected\": 3}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("rolledBack")).isEmpty();
		assertThat(response.json().get("current").asInt()).isEqualTo(3);
	}

	@Test
	void aMigrateWithNothingPendingAtTheExpectedSequenceIsDone() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{\"expected\": 3}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("applied")).isEmpty();
		assertThat(response.json().get("current").asInt()).isEqualTo(3);
	}

	@Test
	void theApplicationsMigratorChecksTheExpectationAgainUnderItsLock() {
		// Another instance moves the database after the endpoint's first look, while this
		// request waits for the lock: the check under the lock refuses what would be a
		// second rollback.
		assertThatExceptionOfType(SmallsException.class).isThrownBy(() -> this.guard.expecting(3, () -> {
			this.migrator.rollbackBatches(1);
			return this.migrator.rollbackBatches(1);
		})).withCauseInstanceOf(ExpectedSequenceGuard.SequenceMismatch.class);
		assertThat(this.migrator.status().current()).isEqualTo(2);
	}

}
