package dev.smalls.oneshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.testapp.instances.InstancesApplication;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java ... smalls <command> --instance billing} in a process of its own, as a CI job
 * runs it before a deploy, on the two-database application of
 * {@link dev.smalls.testapp.instances.SeveralDatabasesTests}: PostgreSQL for the default
 * set, MariaDB for the instance {@code billing}, both fresh.
 */
class SeveralDatabasesOneShotProcessTests {

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
	void aCommandWithTheInstanceActsOnItsDatabaseAloneAndAnUnknownOneIsRefused() throws Exception {
		// The application's configuration has the instance migrate on start-up; a one-shot run
		// does only what its command says all the same.
		Path configuration = Path.of("target", "one-shot", UUID.randomUUID().toString(), "application.properties")
			.toAbsolutePath();
		Files.createDirectories(configuration.getParent());
		Files.writeString(configuration, "smalls.instances.billing.enabled=true\n");
		JavaProcess.Run pending = app().property("spring.config.additional-location", "file:" + configuration)
			.run("smalls", "status", "--instance", "billing");
		assertThat(pending.exitCode()).as(pending.output()).isZero();
		assertThat(pending.output()).contains("Current sequence: 0000, 2 pending");
		assertThat(tables(this.billing, "table_schema = DATABASE()")).doesNotContain("invoice");

		JavaProcess.Run migrate = app().run("smalls", "migrate", "--instance", "billing");
		assertThat(migrate.exitCode()).as(migrate.output()).isZero();
		assertThat(migrate.output()).contains("Migrations are complete: batch 1, current sequence 0002.");
		assertThat(history(this.billing)).containsExactly("create_invoices", "add_invoice_paid_at");
		assertThat(tables(this.orders, "table_schema = 'public'")).doesNotContain("purchase_order");

		JavaProcess.Run status = app().run("smalls", "status", "--instance", "billing");
		assertThat(status.exitCode()).as(status.output()).isZero();
		assertThat(status.output()).containsPattern("0002\\s+add_invoice_paid_at\\s+APPLIED")
			.doesNotContain("create_purchase_orders");

		JavaProcess.Run typo = app().run("smalls", "status", "--instance", "bilin");
		assertThat(typo.exitCode()).as(typo.output()).isEqualTo(2);
		assertThat(typo.output()).contains("There is no instance 'bilin'; did you mean 'billing'?");
	}

	private JavaProcess app() {
		return new JavaProcess().main(InstancesApplication.class)
			.property("spring.datasource.url", this.orders.url())
			.property("spring.datasource.username", this.orders.username())
			.property("spring.datasource.password", this.orders.password())
			.property("billing.datasource.jdbc-url", this.billing.url())
			.property("billing.datasource.username", this.billing.username())
			.property("billing.datasource.password", this.billing.password())
			.property("smalls.instances.billing.datasource", "billingDataSource")
			.property("smalls.instances.billing.migrations-package", "dev.smalls.testapp.instances.billing");
	}

	private static List<String> tables(FreshDatabase database, String inSchema) {
		return new JdbcTemplate(database.dataSource()).queryForList(
				"SELECT LOWER(table_name) FROM information_schema.tables WHERE " + inSchema, String.class);
	}

	private static List<String> history(FreshDatabase database) {
		return new JdbcTemplate(database.dataSource())
			.queryForList("SELECT name FROM smalls_history ORDER BY sequence_no", String.class);
	}

}
