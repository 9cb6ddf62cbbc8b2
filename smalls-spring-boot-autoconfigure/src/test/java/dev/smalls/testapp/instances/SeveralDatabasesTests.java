package dev.smalls.testapp.instances;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;

import dev.smalls.SmallsInstances;
import dev.smalls.SmallsMigrator;
import dev.smalls.commands.SmallsCommand;
import dev.smalls.commands.SmallsCommands;
import dev.smalls.shell.ShellSession;
import dev.smalls.testapp.instances.billing.Invoice;
import dev.smalls.testapp.instances.orders.PurchaseOrder;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The acceptance of {@code smalls.instances}: an application with a PostgreSQL database (its
 * DataSource, the default set) and a MariaDB one (a second DataSource, the instance
 * {@code billing}) migrates both on start-up from properties alone, before JPA on each,
 * which validates its tables; a failure in one says which.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeveralDatabasesTests {

	private FreshDatabase orders;

	private FreshDatabase billing;

	@BeforeEach
	void createTheDatabases() {
		this.orders = TestDatabase.POSTGRESQL.createFreshDatabase();
		this.billing = TestDatabase.MARIADB.createFreshDatabase();
	}

	@AfterEach
	void closeTheDatabases() {
		this.orders.close();
		this.billing.close();
	}

	@Test
	void startUpMigratesBothDatabasesBeforeJpaOnEachSeesItsTables() {
		try (ConfigurableApplicationContext context = start()) {
			EntityManager ordersEntities = context.getBean("entityManagerFactory", EntityManagerFactory.class)
				.createEntityManager();
			EntityManager billingEntities = context.getBean("billingEntityManagerFactory", EntityManagerFactory.class)
				.createEntityManager();
			try {
				assertThat(ordersEntities.createQuery("SELECT o FROM PurchaseOrder o", PurchaseOrder.class)
					.getResultList()).extracting(PurchaseOrder::getCustomer).containsExactly("Ada");
				assertThat(billingEntities.createQuery("SELECT i FROM Invoice i", Invoice.class).getResultList())
					.extracting(Invoice::getNumber)
					.containsExactly("INV-1");
			}
			finally {
				ordersEntities.close();
				billingEntities.close();
			}
			assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1);
			SmallsInstances instances = context.getBean(SmallsInstances.class);
			assertThat(instances.names()).containsExactly("billing");
			assertThat(instances.migrator("billing").status().current()).isEqualTo(2);
			// Each set's history in its own database.
			assertThat(new JdbcTemplate(this.billing.dataSource())
				.queryForList("SELECT name FROM smalls_history ORDER BY sequence_no", String.class))
				.containsExactly("create_invoices", "add_invoice_paid_at");
			assertThat(new JdbcTemplate(this.orders.dataSource())
				.queryForList("SELECT name FROM smalls_history ORDER BY sequence_no", String.class))
				.containsExactly("create_purchase_orders");
		}
	}

	@Test
	void anInstanceThatIsNotEnabledIsLeftAloneAndJpaOnItFails() {
		assertThatException().isThrownBy(() -> start("--smalls.instances.billing.enabled=false"))
			.withStackTraceContaining("missing table [invoice]");
		assertThat(new JdbcTemplate(this.billing.dataSource()).queryForObject(
				"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'smalls_history' AND table_schema = DATABASE()", Integer.class))
			.isZero();
	}

	@Test
	void aFailureInOneInstanceNamesItAndSaysWhatToDoInItsOwnTerms(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--instances.test.fail=true"))
			.withStackTraceContaining("smalls instance 'billing'");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("smalls instance 'billing': ")
			.contains("0003_broken");
		// The PostgreSQL orders were migrated first, and stay so; billing applied what came before.
		assertThat(new JdbcTemplate(this.billing.dataSource())
			.queryForList("SELECT name FROM smalls_history ORDER BY sequence_no", String.class))
			.containsExactly("create_invoices", "add_invoice_paid_at");
	}

	@Test
	void aMisspelledInstanceKeyIsRefusedWithTheClosestOne(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--smalls.instances.billing.tabel=billing_history"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Unknown property 'smalls.instances.billing.tabel'")
			.contains("did you mean 'smalls.instances.billing.table'?");
	}

	@Test
	void eachInstanceIsAddressableOverHttpInTheHealthAndInItsMetrics() throws Exception {
		try (ConfigurableApplicationContext context = startWeb()) {
			Http http = new Http(((ServletWebServerApplicationContext) context).getWebServer().getPort());
			JsonNode status = http.get("/actuator/smalls");
			assertThat(status.get("current").asInt()).isEqualTo(1);
			assertThat(status.get("instances").get("billing").get("current").asInt()).isEqualTo(2);
			JsonNode billing = http.get("/actuator/smalls/instances/billing");
			assertThat(billing.get("current").asInt()).isEqualTo(2);
			assertThat(billing.get("migrations").get(1).get("name").asString()).isEqualTo("add_invoice_paid_at");
			assertThat(http.status()).isEqualTo(200);
			assertThat(http.get("/actuator/smalls/instances/bilin").get("error").asString())
				.contains("did you mean 'billing'?");
			assertThat(http.status()).isEqualTo(404);
			assertThat(http.get("/actuator/smalls/instances/billing/plan").get("migrations").size()).isZero();
			assertThat(http.status()).isEqualTo(200);
			JsonNode rolledBack = http.post("/actuator/smalls/instances/billing/rollback", "{\"to\": 1, \"expected\": 2}");
			assertThat(http.status()).as(rolledBack.toString()).isEqualTo(200);
			assertThat(rolledBack.get("current").asInt()).isEqualTo(1);
			JsonNode conflict = http.post("/actuator/smalls/instances/billing/migrate", "{\"expected\": 2}");
			assertThat(http.status()).isEqualTo(409);
			assertThat(conflict.get("action").asString()).contains("GET /actuator/smalls/instances/billing ");
			JsonNode unknownKey = http.post("/actuator/smalls/instances/billing/migrate", "{\"tenant\": \"acme\"}");
			assertThat(http.status()).as(unknownKey.toString()).isEqualTo(400);
			JsonNode migrated = http.post("/actuator/smalls/instances/billing/migrate", "{\"expected\": 1}");
			assertThat(http.status()).as(migrated.toString()).isEqualTo(200);
			assertThat(migrated.get("current").asInt()).isEqualTo(2);
			// The default set is where it was.
			assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1);
			JsonNode health = http.get("/actuator/health");
			assertThat(health.get("components").get("smalls").get("status").asString()).isEqualTo("UP");
			assertThat(health.get("components").get("smallsInstances").get("components").get("billing")
				.get("details").get("current").asInt()).isEqualTo(2);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find("smalls.migration").tag("instance", "billing").timers()).isNotEmpty();
			assertThat(meters.find("smalls.migration").tag("instance", "default").timers()).isNotEmpty();
		}
	}

	@Test
	void theShellAndOneShotCommandsTakeTheInstance() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			SmallsCommands commands = context.getBean(SmallsCommands.class);
			StringWriter output = new StringWriter();
			assertThat(commands.run(List.of("status", "--instance", "billing"), new PrintWriter(output))).isZero();
			assertThat(output.toString()).contains("add_invoice_paid_at").doesNotContain("create_purchase_orders");
			output = new StringWriter();
			assertThat(commands.run(List.of("status"), new PrintWriter(output))).isZero();
			assertThat(output.toString()).contains("create_purchase_orders").doesNotContain("add_invoice_paid_at");
			output = new StringWriter();
			assertThat(commands.run(List.of("rollback", "0", "--instance=bilin"), new PrintWriter(output)))
				.isEqualTo(SmallsCommand.USAGE_ERROR);
			assertThat(output.toString()).contains("There is no instance 'bilin'; did you mean 'billing'? "
					+ "The instances are: billing.");
			ShellSession shell = new ShellSession(context.getBean(CommandParser.class),
					context.getBean(CommandRegistry.class));
			ShellSession.Result rolledBack = shell.send("smalls rollback 1 --instance billing");
			assertThat(rolledBack.exitCode()).as(rolledBack.output()).isZero();
			assertThat(context.getBean(SmallsInstances.class).migrator("billing").status().current()).isEqualTo(1);
			assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1);
		}
	}

	private ConfigurableApplicationContext startWeb() {
		return new SpringApplicationBuilder(InstancesApplication.class).web(WebApplicationType.SERVLET)
			.logStartupInfo(false)
			.run(arguments("--server.port=0", "--management.endpoints.web.exposure.include=smalls,health",
					"--management.endpoint.smalls.access=unrestricted",
					"--management.endpoint.health.show-details=always"));
	}

	ConfigurableApplicationContext start(String... extra) {
		return new SpringApplicationBuilder(InstancesApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(arguments(extra));
	}

	private String[] arguments(String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + this.orders.url(),
				"--spring.datasource.username=" + this.orders.username(),
				"--spring.datasource.password=" + this.orders.password(), "--billing.url=" + this.billing.url(),
				"--billing.username=" + this.billing.username(), "--billing.password=" + this.billing.password(),
				"--spring.jpa.hibernate.ddl-auto=validate", "--smalls.enabled=true",
				"--smalls.instances.billing.datasource=billingDataSource",
				"--smalls.instances.billing.migrations-package=dev.smalls.testapp.instances.billing"));
		args.addAll(List.of(extra));
		return args.toArray(new String[0]);
	}

	/**
	 * Real HTTP calls to the running server, the last one's status kept.
	 */
	private static final class Http {

		private final HttpClient client = HttpClient.newHttpClient();

		private final int port;

		private int status;

		Http(int port) {
			this.port = port;
		}

		JsonNode get(String path) throws Exception {
			return send(HttpRequest.newBuilder(uri(path)).GET().build());
		}

		JsonNode post(String path, String body) throws Exception {
			return send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build());
		}

		int status() {
			return this.status;
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + this.port + path);
		}

		private JsonNode send(HttpRequest request) throws Exception {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			this.status = response.statusCode();
			return JsonMapper.builder().build().readTree(response.body());
		}

	}

}
