package dev.smalls.actuate.endpoint;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;
import dev.smalls.testapp.secured.SecuredEndpointApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint behind a security rule that lets the deploy role POST only
 * {@code /actuator/smalls/migrate}: what the path says is what runs, whatever the body or the
 * query string say, so the rule on the path is the rule on the action.
 */
@SpringBootTest(classes = SecuredEndpointApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:endpoint-secured;DB_CLOSE_DELAY=-1",
				"management.endpoints.web.exposure.include=smalls", "management.endpoint.smalls.access=unrestricted" })
class SmallsEndpointSecuredWebTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	private HttpJson deploy;

	private HttpJson admin;

	@BeforeEach
	void allThreeApplied() {
		this.jdbc.execute("DROP ALL OBJECTS");
		this.migrator.migrate();
		this.deploy = new HttpJson(this.port).as("deploy", "deploy");
		this.admin = new HttpJson(this.port).as("admin", "admin");
	}

	@Test
	void theDeployRoleMigrates() throws Exception {
		HttpJson.Response response = this.deploy.post("/actuator/smalls/migrate", "{}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("current").asInt()).isEqualTo(3);
	}

	@Test
	void theDeployRoleCannotPostToRollback() throws Exception {
		HttpJson.Response response = this.deploy.post("/actuator/smalls/rollback", "{\"to\": 0}");
		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertNothingRolledBack();
	}

	@Test
	void anActionInTheQueryStringOfAMigrateIsRefusedAndRollsNothingBack() throws Exception {
		HttpJson.Response response = this.deploy.send("POST", "/actuator/smalls/migrate?action=rollback&to=0",
				"application/json", "{}");
		assertRefusedForAction(response);
	}

	@Test
	void anActionInTheQueryStringOfAMigrateWithoutABodyIsRefusedAndRollsNothingBack() throws Exception {
		HttpJson.Response response = this.deploy.send("POST", "/actuator/smalls/migrate?action=rollback&to=0", null,
				"");
		assertRefusedForAction(response);
	}

	@Test
	void anActionInTheBodyOfAMigrateIsRefusedAndRollsNothingBack() throws Exception {
		HttpJson.Response response = this.deploy.post("/actuator/smalls/migrate",
				"{\"action\": \"rollback\", \"to\": 2}");
		assertRefusedForAction(response);
	}

	@Test
	void anActionNamedInTheBodyByAnEscapedKeyIsRefusedAlike() throws Exception {
		HttpJson.Response response = this.deploy.post("/actuator/smalls/migrate",
				"{\"\\u0061ction\": \"rollback\", \"to\": 2}");
		assertRefusedForAction(response);
	}

	@Test
	void theAdminStillRollsBackThroughRollback() throws Exception {
		HttpJson.Response response = this.admin.post("/actuator/smalls/rollback", "{\"to\": 2}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("current").asInt()).isEqualTo(2);
		assertThat(history()).containsExactly(1, 2);
		assertThat(tables()).containsExactly("A", "B");
	}

	@Test
	void aRequestWithoutCredentialsIsRefusedBySecurityBeforeSmallsReadsIt() throws Exception {
		HttpJson.Response response = new HttpJson(this.port).send("POST",
				"/actuator/smalls/migrate?action=rollback&to=0", "application/json", "{}");
		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertNothingRolledBack();
	}

	private void assertRefusedForAction(HttpJson.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("'action'").contains("Nothing was changed.");
		assertThat(response.json().get("action").asString()).contains("/actuator/smalls/rollback");
		assertNothingRolledBack();
	}

	private void assertNothingRolledBack() {
		assertThat(history()).containsExactly(1, 2, 3);
		assertThat(tables()).containsExactly("A", "B", "C");
	}

	private List<Integer> history() {
		return this.jdbc.queryForList("SELECT sequence_no FROM smalls_history ORDER BY sequence_no", Integer.class);
	}

	private List<String> tables() {
		return this.jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC' "
				+ "AND table_name IN ('A', 'B', 'C') ORDER BY table_name", String.class);
	}

}
