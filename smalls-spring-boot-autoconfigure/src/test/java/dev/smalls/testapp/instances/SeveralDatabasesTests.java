package dev.smalls.testapp.instances;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
import static org.assertj.core.api.Assertions.tuple;

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
	void startUpMigratesBothDatabasesAndJpaOnEachReadsAndWritesItsTables() {
		try (ConfigurableApplicationContext context = start()) {
			EntityManagerFactory ordersEntities = context.getBean("entityManagerFactory", EntityManagerFactory.class);
			EntityManagerFactory billingEntities = context.getBean("billingEntityManagerFactory",
					EntityManagerFactory.class);
			inTransaction(ordersEntities, (entities) -> entities.persist(new PurchaseOrder(2L, "Grace")));
			inTransaction(billingEntities,
					(entities) -> entities.persist(new Invoice(2L, "INV-2", LocalDateTime.of(2026, 12, 7, 12, 0))));
			inTransaction(ordersEntities,
					(entities) -> assertThat(entities
						.createQuery("SELECT o FROM PurchaseOrder o ORDER BY o.id", PurchaseOrder.class)
						.getResultList()).extracting(PurchaseOrder::getCustomer).containsExactly("Ada", "Grace"));
			inTransaction(billingEntities, (entities) -> assertThat(
					entities.createQuery("SELECT i FROM Invoice i ORDER BY i.id", Invoice.class).getResultList())
				.extracting(Invoice::getNumber, Invoice::getPaidAt)
				.containsExactly(tuple("INV-1", null), tuple("INV-2", LocalDateTime.of(2026, 12, 7, 12, 0))));
			// What JPA wrote is in the database it belongs to.
			assertThat(new JdbcTemplate(this.orders.dataSource())
				.queryForList("SELECT customer FROM purchase_order ORDER BY id", String.class))
				.containsExactly("Ada", "Grace");
			assertThat(new JdbcTemplate(this.billing.dataSource())
				.queryForList("SELECT number FROM invoice WHERE paid_at IS NOT NULL", String.class))
				.containsExactly("INV-2");
			assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1);
			SmallsInstances instances = context.getBean(SmallsInstances.class);
			assertThat(instances.names()).containsExactly("billing");
			assertThat(instances.migrator("billing").status().current()).isEqualTo(2);
			// Each set's schema and history in its own database, and nothing of it in the other.
			assertThat(tables(this.orders, "table_schema = 'public'")).contains("purchase_order", "smalls_history")
				.doesNotContain("invoice");
			assertThat(tables(this.billing, "table_schema = DATABASE()")).contains("invoice", "smalls_history")
				.doesNotContain("purchase_order");
			assertThat(history(this.billing)).containsExactly("create_invoices", "add_invoice_paid_at");
			assertThat(history(this.orders)).containsExactly("create_purchase_orders");
		}
	}

	@Test
	void anInstanceThatIsNotEnabledIsLeftAloneAndJpaOnItFails() {
		assertThatException().isThrownBy(() -> start("--smalls.instances.billing.enabled=false"))
			.withStackTraceContaining("missing table [invoice]");
		assertThat(tables(this.billing, "table_schema = DATABASE()")).doesNotContain("smalls_history", "invoice");
	}

	@Test
	void aFailureInOneInstanceStopsTheStartUpNamingItAndTheMigration(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--instances.test.fail=true"))
			.withStackTraceContaining("smalls instance 'billing': Migration 0003_broken failed");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("smalls instance 'billing': Migration 0003_broken failed: ")
			.contains("Applied before it, and still applied: 0001_create_invoices, 0002_add_invoice_paid_at.")
			.contains("'smalls repair 0003 --instance billing'");
		// The PostgreSQL orders were migrated first, and their history says so; billing's says
		// what it applied before the failure, and not the failed migration.
		assertThat(history(this.orders)).containsExactly("create_purchase_orders");
		assertThat(tables(this.orders, "table_schema = 'public'")).contains("purchase_order");
		assertThat(history(this.billing)).containsExactly("create_invoices", "add_invoice_paid_at");
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
			// The summary counts what needs a person, as each tenant's does.
			assertThat(status.get("instances").get("billing").get("interrupted").isNumber()).isTrue();
			assertThat(status.get("instances").get("billing").get("edited").isNumber()).isTrue();
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
			assertThat(health.get("components").get("smalls").get("details").get("current").asInt()).isEqualTo(1);
			JsonNode billingHealth = health.get("components").get("smallsInstances").get("components").get("billing");
			assertThat(billingHealth.get("status").asString()).isEqualTo("UP");
			assertThat(billingHealth.get("details").get("current").asInt()).isEqualTo(2);
			assertThat(http.get("/actuator/health/smallsInstances/billing").get("status").asString()).isEqualTo("UP");
			assertThat(http.status()).isEqualTo(200);
			JsonNode timer = http.get("/actuator/metrics/smalls.migration");
			assertThat(http.status()).isEqualTo(200);
			assertThat(timer.get("availableTags").valueStream()
				.filter((tag) -> tag.get("tag").asString().equals("instance"))
				.flatMap((tag) -> tag.get("values").valueStream())
				.map(JsonNode::asString)).containsExactlyInAnyOrder("billing", "default");
			JsonNode billingTimer = http.get("/actuator/metrics/smalls.migration?tag=instance:billing");
			assertThat(http.status()).isEqualTo(200);
			// Start-up's two migrations, the rollback and the migrate above.
			assertThat(billingTimer.get("measurements").get(0).get("statistic").asString()).isEqualTo("COUNT");
			assertThat(billingTimer.get("measurements").get(0).get("value").asDouble()).isEqualTo(4);
		}
	}

	@Test
	void theCommandsTakeTheInstanceAtTheShellPromptAndThroughTheCommandRunner() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			// At the Spring Shell prompt: Spring Shell's parser and executor, the words as typed.
			ShellSession shell = new ShellSession(context.getBean(CommandParser.class),
					context.getBean(CommandRegistry.class));
			ShellSession.Result status = shell.send("smalls status --instance billing");
			assertThat(status.exitCode()).as(status.output()).isZero();
			assertThat(status.output()).containsPattern("0002\\s+add_invoice_paid_at\\s+APPLIED")
				.doesNotContain("create_purchase_orders");
			ShellSession.Result defaultSet = shell.send("smalls status");
			assertThat(defaultSet.output()).contains("create_purchase_orders").doesNotContain("add_invoice_paid_at");
			ShellSession.Result typo = shell.send("smalls status --instance bilin");
			assertThat(typo.exitCode()).isEqualTo(SmallsCommand.USAGE_ERROR);
			assertThat(typo.output()).contains("There is no instance 'bilin'; did you mean 'billing'?");
			ShellSession.Result rolledBack = shell.send("smalls rollback 1 --instance billing");
			assertThat(rolledBack.exitCode()).as(rolledBack.output()).isZero();
			assertThat(context.getBean(SmallsInstances.class).migrator("billing").status().current()).isEqualTo(1);
			assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1);
			// Through the command runner that one-shot runs use (a process of their own:
			// dev.smalls.oneshot.SeveralDatabasesOneShotProcessTests).
			SmallsCommands commands = context.getBean(SmallsCommands.class);
			StringWriter output = new StringWriter();
			assertThat(commands.run(List.of("migrate", "--instance=billing"), new PrintWriter(output))).isZero();
			assertThat(output.toString()).contains("current sequence 0002");
			output = new StringWriter();
			assertThat(commands.run(List.of("rollback", "0", "--instance=bilin"), new PrintWriter(output)))
				.isEqualTo(SmallsCommand.USAGE_ERROR);
			assertThat(output.toString()).contains("There is no instance 'bilin'; did you mean 'billing'? "
					+ "The instances are: billing.");
		}
	}

	private ConfigurableApplicationContext startWeb() {
		return new SpringApplicationBuilder(InstancesApplication.class).web(WebApplicationType.SERVLET)
			.logStartupInfo(false)
			.run(arguments("--server.port=0", "--management.endpoints.web.exposure.include=smalls,health,metrics",
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
				"--spring.datasource.password=" + this.orders.password(), "--billing.datasource.jdbc-url=" + this.billing.url(),
				"--billing.datasource.username=" + this.billing.username(),
				"--billing.datasource.password=" + this.billing.password(),
				"--spring.jpa.hibernate.ddl-auto=validate", "--smalls.enabled=true",
				"--smalls.instances.billing.datasource=billingDataSource",
				"--smalls.instances.billing.migrations-package=dev.smalls.testapp.instances.billing"));
		args.addAll(List.of(extra));
		return args.toArray(new String[0]);
	}

	private static void inTransaction(EntityManagerFactory factory, Consumer<EntityManager> work) {
		EntityManager entities = factory.createEntityManager();
		try {
			entities.getTransaction().begin();
			work.accept(entities);
			entities.getTransaction().commit();
		}
		finally {
			entities.close();
		}
	}

	private static List<String> tables(FreshDatabase database, String inSchema) {
		return new JdbcTemplate(database.dataSource()).queryForList(
				"SELECT LOWER(table_name) FROM information_schema.tables WHERE " + inSchema, String.class);
	}

	private static List<String> history(FreshDatabase database) {
		return new JdbcTemplate(database.dataSource())
			.queryForList("SELECT name FROM smalls_history ORDER BY sequence_no", String.class);
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
