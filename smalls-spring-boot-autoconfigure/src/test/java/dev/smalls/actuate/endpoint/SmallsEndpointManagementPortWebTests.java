package dev.smalls.actuate.endpoint;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint on a management port of its own, served by a child context of the
 * application's: it takes its inputs from where it does on the application's port.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:endpoint-management-port;DB_CLOSE_DELAY=-1",
				"management.server.port=0", "management.endpoints.web.exposure.include=smalls",
				"management.endpoint.smalls.access=unrestricted" })
class SmallsEndpointManagementPortWebTests {

	@LocalManagementPort
	private int port;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void twoOfThreeApplied() {
		this.jdbc.execute("DROP ALL OBJECTS");
		this.migrator.migrate(2);
	}

	@Test
	void anActionInTheQueryStringIsRefusedThere() throws Exception {
		HttpJson.Response response = new HttpJson(this.port).send("POST", "/actuator/smalls/migrate?action=rollback&to=1",
				"application/json", "{}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("'action' cannot be sent");
		assertThat(this.migrator.status().current()).isEqualTo(2);
	}

	@Test
	void aKeyGivenTwiceInTheBodyIsRefusedThere() throws Exception {
		HttpJson.Response response = new HttpJson(this.port).post("/actuator/smalls/rollback",
				"{\"to\": 2, \"to\": 1}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).contains("'to' is given twice");
		assertThat(this.migrator.status().current()).isEqualTo(2);
	}

}
