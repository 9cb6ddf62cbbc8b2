package dev.smalls.actuate.endpoint;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The endpoint of an application with two tenants, acme (at 0002) and globex (at 0001), over
 * real HTTP.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		// Tenants in one H2 database take turns on its schema lock, waited for up to LOCK_TIMEOUT:
		// 1 s by default, less than a GC pause of a busy test JVM can take.
		properties = { "spring.datasource.url=jdbc:h2:mem:endpoint-tenants;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
				"management.endpoints.web.exposure.include=smalls", "management.endpoint.smalls.access=unrestricted",
				"smalls.tenants.schemas=acme,globex" })
class SmallsEndpointTenantsWebTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SmallsTenants tenants;

	@Autowired
	private ExpectedSequenceGuard guard;

	@Autowired
	private JdbcTemplate jdbc;

	private HttpJson http;

	@BeforeEach
	void acmeAtTwoAndGlobexAtOne() {
		this.jdbc.execute("DROP ALL OBJECTS");
		for (String schema : new String[] { "acme", "globex" }) {
			this.jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			this.jdbc.execute("CREATE SCHEMA " + schema);
		}
		this.tenants.migrator("acme").migrate(2);
		this.tenants.migrator("globex").migrate(1);
		this.http = new HttpJson(this.port);
	}

	@Test
	void statusShowsEachTenantAtAGlance() throws Exception {
		JsonNode tenants = this.http.get("/actuator/smalls").json().get("tenants");
		assertThat(tenants.get("acme").get("current").asInt()).isEqualTo(2);
		assertThat(tenants.get("acme").get("pending").asInt()).isEqualTo(1);
		assertThat(tenants.get("acme").get("missing").asInt()).isZero();
		assertThat(tenants.get("acme").get("interrupted").asInt()).isZero();
		assertThat(tenants.get("globex").get("current").asInt()).isEqualTo(1);
		assertThat(tenants.get("globex").get("pending").asInt()).isEqualTo(2);
	}

	@Test
	void statusShowsTheErrorOfATenantWhoseStatusFailedAndTheOthersStatus() throws Exception {
		this.jdbc.execute("DROP SCHEMA globex CASCADE");
		HttpJson.Response response = this.http.get("/actuator/smalls");
		assertThat(response.status()).isEqualTo(200);
		JsonNode tenants = response.json().get("tenants");
		assertThat(tenants.get("globex").get("error").asString()).contains("globex");
		assertThat(tenants.get("acme").get("current").asInt()).isEqualTo(2);
	}

	@Test
	void oneTenantsStatusHasTheShapeOfTheApplicationsStatus() throws Exception {
		HttpJson.Response response = this.http.get("/actuator/smalls/tenants/acme");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("current").asInt()).isEqualTo(2);
		assertThat(body.get("pending").asInt()).isEqualTo(1);
		assertThat(body.get("migrations").get(2).get("state").asString()).isEqualTo("PENDING");
		assertThat(body.get("lock").get("held").asBoolean()).isFalse();
	}

	@Test
	void anUnknownTenantIsNotFoundAndTheKnownOnesAreNamed() throws Exception {
		HttpJson.Response response = this.http.get("/actuator/smalls/tenants/initech");
		assertThat(response.status()).as(response.body()).isEqualTo(404);
		assertThat(response.json().get("error").asString()).contains("There is no tenant 'initech'");
		assertThat(response.json().get("action").asString()).contains("acme, globex");
	}

	@Test
	void aTenantsStatusTakesTheTenantFromThePathAlone() throws Exception {
		// Boot would let the query string's tenant overwrite the path's: this would show globex.
		HttpJson.Response response = this.http.get("/actuator/smalls/tenants/acme?tenant=globex");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("'tenant' cannot be sent in the query string");
		assertThat(response.json().get("action").asString()).contains("GET /actuator/smalls/tenants/<id>");
	}

	@Test
	void aReadTakesWhatItReadsFromThePathAlone() throws Exception {
		// Boot would let ?kind=tenants turn /other/acme into acme's status.
		HttpJson.Response response = this.http.get("/actuator/smalls/other/acme?kind=tenants");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("'kind' cannot be sent in the query string");
	}

	@Test
	void theStatusDoesNotTakeATenantFromTheQueryString() throws Exception {
		HttpJson.Response response = this.http.get("/actuator/smalls?tenant=globex");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("action").asString()).contains("GET /actuator/smalls/tenants/<id>");
	}

	@Test
	void aTenantIsNeverTakenForAnAction() throws Exception {
		// Tenants are under /tenants/: /actuator/smalls/migrate is only ever the action.
		HttpJson.Response response = this.http.get("/actuator/smalls/migrate");
		assertThat(response.status()).as(response.body()).isEqualTo(405);
		assertThat(response.json().get("action").asString()).contains("/actuator/smalls/tenants/<id>");
	}

	@Test
	void migrateWithATenantMigratesThatTenantOnly() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{\"tenant\": \"globex\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("current").asInt()).isEqualTo(3);
		assertThat(current("globex")).isEqualTo(3);
		assertThat(current("acme")).isEqualTo(2);
	}

	@Test
	void rollbackWithATenantRollsBackThatTenantOnly() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback", "{\"to\": 1, \"tenant\": \"acme\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(current("acme")).isEqualTo(1);
		assertThat(current("globex")).isEqualTo(1);
	}

	@Test
	void aWriteThatNamesNoTenantIsABadRequestThatChangesNothing() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("This application has tenants (acme, globex)");
		assertThat(response.json().get("action").asString()).contains("\"tenant\": \"<id>\"")
			.contains("\"allTenants\": true");
		assertUnchanged();
	}

	@Test
	void aWriteNamingAnUnknownTenantIsABadRequestNamingTheKnownOnes() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{\"tenant\": \"initech\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("There is no tenant 'initech'");
		assertThat(response.json().get("action").asString()).contains("acme, globex");
		assertUnchanged();
	}

	@Test
	void allTenantsMigratesEveryTenantAndAnswersWithEachOnesOutcome() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{\"allTenants\": true}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode tenants = response.json().get("tenants");
		assertThat(tenants.get("acme").get("current").asInt()).isEqualTo(3);
		assertThat(tenants.get("globex").get("applied")).hasSize(2);
		assertThat(current("acme")).isEqualTo(3);
		assertThat(current("globex")).isEqualTo(3);
	}

	@Test
	void allTenantsWithAFailingTenantIsAServerErrorNamingItAndTheOthersComplete() throws Exception {
		this.jdbc.execute("DROP SCHEMA globex CASCADE");
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate", "{\"allTenants\": true}");
		assertThat(response.status()).as(response.body()).isEqualTo(500);
		JsonNode body = response.json();
		assertThat(body.get("error").asString()).contains("1 of 2 tenants did not complete: globex");
		assertThat(body.get("action").asString()).contains("\"tenant\": \"<id>\"");
		assertThat(body.get("tenants").get("globex").get("error").asString()).contains("globex");
		assertThat(body.get("tenants").get("acme").get("current").asInt()).isEqualTo(3);
		assertThat(current("acme")).isEqualTo(3);
	}

	@Test
	void expectedWithAllTenantsIsABadRequest() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate",
				"{\"allTenants\": true, \"expected\": 2}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("cannot apply to every tenant at once");
		assertUnchanged();
	}

	@Test
	void tenantAndAllTenantsTogetherAreABadRequest() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/migrate",
				"{\"allTenants\": true, \"tenant\": \"acme\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("Give 'tenant' or 'allTenants', not both");
		assertUnchanged();
	}

	@Test
	void aStaleExpectationForATenantIsAConflictPointingAtThatTenantsStatus() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback",
				"{\"batches\": 1, \"expected\": 1, \"tenant\": \"acme\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(409);
		assertThat(response.json().get("action").asString()).contains("GET /actuator/smalls/tenants/acme")
			.contains("\"expected\": 2");
		assertUnchanged();
	}

	@Test
	void aTenantsMigratorChecksTheExpectationAgainUnderItsLock() {
		// As the application's migrator does: the tenant's is built with the guard among its callbacks.
		SmallsMigrator acme = this.tenants.migrator("acme");
		acme.migrate();
		assertThatExceptionOfType(SmallsException.class).isThrownBy(() -> this.guard.expecting(acme, 3, () -> {
			acme.rollbackBatches(1);
			return acme.rollbackBatches(1);
		})).withCauseInstanceOf(ExpectedSequenceGuard.SequenceMismatch.class);
		assertThat(current("acme")).isEqualTo(2);
	}

	@Test
	void aRefusalForATenantPointsAtThatTenantsStatus() throws Exception {
		HttpJson.Response response = this.http.post("/actuator/smalls/rollback", "{\"to\": 3, \"tenant\": \"acme\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("action").asString()).contains("GET /actuator/smalls/tenants/acme");
	}

	private int current(String tenant) {
		return this.tenants.migrator(tenant).status().current();
	}

	private void assertUnchanged() {
		assertThat(current("acme")).isEqualTo(2);
		assertThat(current("globex")).isEqualTo(1);
	}

}
