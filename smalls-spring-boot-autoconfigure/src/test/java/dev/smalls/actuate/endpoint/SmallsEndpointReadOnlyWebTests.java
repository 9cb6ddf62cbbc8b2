package dev.smalls.actuate.endpoint;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With default access, the endpoint shows status and refuses every change.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:endpoint-read-only;DB_CLOSE_DELAY=-1", "smalls.enabled=true",
				"management.endpoints.web.exposure.include=smalls" })
class SmallsEndpointReadOnlyWebTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SmallsMigrator migrator;

	@Test
	void getShowsEveryMigration() throws Exception {
		HttpJson.Response response = new HttpJson(this.port).get("/actuator/smalls");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("current").asInt()).isEqualTo(3);
		assertThat(response.json().get("migrations")).hasSize(3);
	}

	@Test
	void postIsRefusedAndChangesNothing() throws Exception {
		HttpJson http = new HttpJson(this.port);
		// The paths exist for GET (a read view such as /actuator/smalls/drift): a POST is not allowed.
		assertThat(http.post("/actuator/smalls/rollback", "{\"to\": 0}").status()).isEqualTo(405);
		assertThat(http.post("/actuator/smalls/migrate", "{}").status()).isEqualTo(405);
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

}
