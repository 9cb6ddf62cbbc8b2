package dev.smalls.testapp.instances;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsInstances;
import dev.smalls.SmallsMigrator;
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

	ConfigurableApplicationContext start(String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + this.orders.url(),
				"--spring.datasource.username=" + this.orders.username(),
				"--spring.datasource.password=" + this.orders.password(), "--billing.url=" + this.billing.url(),
				"--billing.username=" + this.billing.username(), "--billing.password=" + this.billing.password(),
				"--spring.jpa.hibernate.ddl-auto=validate", "--smalls.enabled=true",
				"--smalls.instances.billing.datasource=billingDataSource",
				"--smalls.instances.billing.migrations-package=dev.smalls.testapp.instances.billing"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(InstancesApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args.toArray(new String[0]));
	}

}
