package dev.smalls.actuate.endpoint;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.lock.LockRequest;
import dev.smalls.dialect.lock.MigrationLock;
import dev.smalls.testsupport.Locking;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint over real HTTP with write access granted.
 */
@UnrestrictedEndpointTest
class SmallsEndpointWebTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	private HttpJson http;

	@BeforeEach
	void twoOfThreeApplied() {
		this.jdbc.execute("DROP ALL OBJECTS");
		this.migrator.migrate(2);
		this.http = new HttpJson(this.port);
	}

	@Test
	void getShowsCurrentPendingAndEveryMigration() throws Exception {
		HttpJson.Response response = this.http.get("/actuator/smalls");
		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("current").asInt()).isEqualTo(2);
		assertThat(body.get("pending").asInt()).isEqualTo(1);
		JsonNode first = body.get("migrations").get(0);
		assertThat(first.get("sequence").asInt()).isEqualTo(1);
		assertThat(first.get("name").asString()).isEqualTo("create_a");
		assertThat(first.get("state").asString()).isEqualTo("APPLIED");
		assertThat(first.get("batch").asInt()).isEqualTo(1);
		assertThat(first.get("migratedAt").asString()).isNotBlank();
		assertThat(first.get("executionMillis").isNumber()).isTrue();
		assertThat(body.get("migrations").get(2).get("state").asString()).isEqualTo("PENDING");
	}

	@Test
	void getShowsTheLockFreeAndItsStrategy() throws Exception {
		JsonNode lock = this.http.get("/actuator/smalls").json().get("lock");
		assertThat(lock.get("held").asBoolean()).isFalse();
		assertThat(lock.get("strategy").asString()).isEqualTo("auto");
	}

	@Test
	void getShowsTheLockHeldWhileAnotherInstanceHoldsIt() throws Exception {
		try (Connection other = this.dataSource.getConnection()) {
			MigrationLock lock = Locking.take(LockStrategy.AUTO,
					Locking.request(other, this.dataSource, this.migrator.getTable(), Duration.ofSeconds(5),
							LockRequest.DEFAULT_LEASE));
			assertThat(lock).isNotNull();
			try {
				JsonNode body = this.http.get("/actuator/smalls").json().get("lock");
				assertThat(body.get("held").asBoolean()).isTrue();
			}
			finally {
				lock.close();
			}
		}
	}

	@Test
	void getShowsNoTenantsWhenTheApplicationHasNone() throws Exception {
		JsonNode tenants = this.http.get("/actuator/smalls").json().get("tenants");
		assertThat(tenants == null || tenants.isNull()).as("tenants: %s", tenants).isTrue();
	}

	@Test
	void aTenantsStatusIsNotFoundWhenTheApplicationHasNoTenants() throws Exception {
		HttpJson.Response response = this.http.get("/actuator/smalls/tenants/acme");
		assertThat(response.status()).as(response.body()).isEqualTo(404);
		assertThat(response.json().get("error").asString()).contains("needs tenants, and this application has none")
			.doesNotContain("Nothing was changed");
	}

	@Test
	void aPathBelowTheEndpointOtherThanTenantsIsNotFound() throws Exception {
		HttpJson.Response response = this.http.get("/actuator/smalls/other/x");
		assertThat(response.status()).as(response.body()).isEqualTo(404);
		assertThat(response.json().get("error").asString()).contains("/actuator/smalls/other has nothing below it");
		assertThat(response.json().get("action").asString()).contains("/actuator/smalls/tenants/<id>");
	}

	@Test
	void aWriteNamingATenantIsABadRequestWhenTheApplicationHasNone() throws Exception {
		assertBadRequest("/actuator/smalls/migrate", "{\"tenant\": \"acme\"}", "needs tenants");
		assertBadRequest("/actuator/smalls/migrate", "{\"allTenants\": true}", "needs tenants");
	}

	@Test
	void rollbackToATargetKeepsTheTargetAndAnswersWithWhatItDid() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback", "{\"to\": 1}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(sequences(response.json().get("rolledBack"))).containsExactly(2);
		assertThat(response.json().get("current").asInt()).isEqualTo(1);
		assertThat(this.migrator.status().current()).isEqualTo(1);
	}

	@Test
	void rollbackAcceptsAZeroPaddedTarget() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback", "{\"to\": \"0001\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("current").asInt()).isEqualTo(1);
	}

	@Test
	void rollbackBatchesRollsBackTheLatestRuns() throws Exception {
		this.migrator.migrate();
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback", "{\"batches\": 1}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(sequences(response.json().get("rolledBack"))).containsExactly(3);
		assertThat(response.json().get("current").asInt()).isEqualTo(2);
	}

	@Test
	void migrateAppliesWhatIsPending() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(sequences(response.json().get("applied"))).containsExactly(3);
		assertThat(response.json().get("current").asInt()).isEqualTo(3);
	}

	@Test
	void migrateToATargetStopsThere() throws Exception {
		this.migrator.rollback(1);
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{\"to\": 2}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(sequences(response.json().get("applied"))).containsExactly(2);
		assertThat(response.json().get("current").asInt()).isEqualTo(2);
	}

	@Test
	void rollbackWithBothToAndBatchesIsABadRequest() throws Exception {
		assertBadRequest("/actuator/smalls/rollback", "{\"to\": 1, \"batches\": 1}", "exactly one of 'to' and 'batches'");
	}

	@Test
	void rollbackWithNeitherToNorBatchesIsABadRequest() throws Exception {
		assertBadRequest("/actuator/smalls/rollback", "{}", "exactly one of 'to' and 'batches'");
	}

	@Test
	void aNegativeNumberIsABadRequest() throws Exception {
		assertBadRequest("/actuator/smalls/rollback", "{\"to\": -1}", "'to' must be a whole number of 0 or more");
		assertBadRequest("/actuator/smalls/rollback", "{\"batches\": -2}", "'batches' must be a whole number");
	}

	@Test
	void aNonNumericValueIsABadRequest() throws Exception {
		assertBadRequest("/actuator/smalls/rollback", "{\"to\": \"two\"}", "not 'two'");
		assertBadRequest("/actuator/smalls/migrate", "{\"to\": true}", "'to' must be a whole number");
	}

	@Test
	void aTargetAboveTheCurrentSequenceIsABadRequest() throws Exception {
		assertBadRequest("/actuator/smalls/rollback", "{\"to\": 3}", "Cannot roll back to 0003: the current sequence is 0002");
	}

	@Test
	void migratingBackwardsIsABadRequestThatNamesTheRollbackToSend() throws Exception {
		HttpJson.Response response = assertBadRequest("/actuator/smalls/migrate", "{\"to\": 1}",
				"Cannot migrate to 0001");
		assertThat(response.json().get("action").asString())
			.contains("POST {\"to\": 1} to /actuator/smalls/rollback");
	}

	@Test
	void aPendingMigrationBelowTheCurrentSequenceNamesThePropertyThatAllowsIt() throws Exception {
		this.migrator.migrate();
		this.jdbc.update("DELETE FROM smalls_history WHERE sequence_no = 2");
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("0002_create_b is pending");
		assertThat(response.json().get("action").asString()).contains("smalls.out-of-order=true")
			.contains("POST to /actuator/smalls/migrate again")
			.doesNotContain("outOfOrder(true)");
	}

	@Test
	void anUnknownActionIsABadRequest() throws Exception {
		assertBadRequest("/actuator/smalls/drop", "{}", "Unknown action 'drop'");
	}

	@Test
	void aMalformedBodyIsABadRequest() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback", "{\"to\": ");
		assertThat(response.status()).isEqualTo(400);
		assertUnchanged();
	}

	@Test
	void aMissingMigrationInTheWayStopsRollbackBeforeAnyChange() throws Exception {
		this.jdbc.update("INSERT INTO smalls_history (sequence_no, name, batch, applied_at, execution_ms, applied_by) "
				+ "VALUES (50, 'ghost', 9, CURRENT_TIMESTAMP, 1, 'someone')");
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback", "{\"to\": 1}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("0050_ghost is recorded as applied")
			.contains("Nothing was rolled back");
		assertThat(response.json().get("action").asString()).contains("Restore the migration class");
		assertThat(this.migrator.status().current()).isEqualTo(50);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM b", Integer.class)).isZero();
	}

	@Test
	void aRollbackThatThrowsReportsHowFarItGotAndKeepsHistoryTrue() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback", "{\"to\": 0}");
		assertThat(response.status()).isEqualTo(500);
		JsonNode body = response.json();
		assertThat(body.get("error").asString()).contains("Rollback of 0001_create_a failed: create_a cannot be undone");
		assertThat(body.get("action").asString()).contains("Then send the request again");
		assertThat(body.get("failed").get("sequence").asInt()).isEqualTo(1);
		assertThat(sequences(body.get("rolledBack"))).containsExactly(2);
		assertThat(body.get("current").asInt()).isEqualTo(1);
		assertThat(this.jdbc.queryForList("SELECT sequence_no FROM smalls_history", Integer.class)).containsExactly(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM a", Integer.class)).isZero();
	}

	@Test
	void aLockHeldByAnotherInstanceIsAConflictThatSaysToSendTheRequestAgainLater() throws Exception {
		try (Connection other = this.dataSource.getConnection()) {
			MigrationLock lock = Locking.take(LockStrategy.AUTO,
					Locking.request(other, this.dataSource, this.migrator.getTable(), Duration.ofSeconds(5),
							LockRequest.DEFAULT_LEASE));
			assertThat(lock).isNotNull();
			try {
				HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{}");
				assertThat(response.status()).as(response.body()).isEqualTo(409);
				assertThat(response.json().get("action").asString())
					.contains("once the other instance is done, send the request again");
			}
			finally {
				lock.close();
			}
		}
		assertUnchanged();
	}

	private HttpJson.Response assertBadRequest(String path, String body, String message) throws Exception {
		HttpJson.Response response = this.http.post(path, body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains(message);
		assertThat(response.json().get("action").asString()).isNotBlank();
		assertUnchanged();
		return response;
	}

	private void assertUnchanged() {
		assertThat(this.jdbc.queryForList("SELECT sequence_no FROM smalls_history ORDER BY sequence_no", Integer.class))
			.containsExactly(1, 2);
	}

	private static List<Integer> sequences(JsonNode executions) {
		return executions.valueStream().map((execution) -> execution.get("sequence").asInt()).toList();
	}

}
