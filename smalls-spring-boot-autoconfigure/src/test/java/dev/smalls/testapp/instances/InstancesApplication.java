package dev.smalls.testapp.instances;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jpa.EntityManagerFactoryBuilder;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsSet;
import dev.smalls.SqlMigration;
import dev.smalls.testapp.instances.billing.Invoice;
import dev.smalls.testapp.instances.orders.PurchaseOrder;

/**
 * An application with two databases, as the README's "Several databases" has it: the
 * orders on the application's DataSource (the default set: migrations no instance claims),
 * the billing on a second DataSource, {@code @Bean(defaultCandidate = false)}, with an
 * EntityManagerFactory of its own (the instance {@code billing}: the migrations in its
 * package, and one named with {@code @SmallsSet}). Hibernate validates each schema as its
 * EntityManagerFactory starts, so a table not migrated yet stops the start-up.
 */
@SpringBootApplication
@EntityScan(basePackageClasses = PurchaseOrder.class)
public class InstancesApplication {

	public static void main(String[] args) {
		SpringApplication.run(InstancesApplication.class, args);
	}

	/** As the README has it: {@code billing.datasource.jdbc-url}, {@code .username}, {@code .password}. */
	@Bean(defaultCandidate = false)
	@ConfigurationProperties("billing.datasource")
	DataSource billingDataSource() {
		return DataSourceBuilder.create().build();
	}

	@Bean(defaultCandidate = false)
	LocalContainerEntityManagerFactoryBean billingEntityManagerFactory(
			@Qualifier("billingDataSource") DataSource billingDataSource) {
		EntityManagerFactoryBuilder builder = new EntityManagerFactoryBuilder(new HibernateJpaVendorAdapter(),
				(dataSource) -> Map.of("hibernate.hbm2ddl.auto", "validate"), null);
		return builder.dataSource(billingDataSource).packages(Invoice.class).persistenceUnit("billing").build();
	}

	/** Outside the billing package, in the billing set all the same. */
	@Bean
	@SmallsSet("billing")
	SmallsMigration addInvoicePaidAt() {
		return SqlMigration.sql(2, "add_invoice_paid_at", "ALTER TABLE invoice ADD paid_at TIMESTAMP NULL",
				"ALTER TABLE invoice DROP COLUMN paid_at");
	}

	/** With {@code instances.test.fail=true}, the billing set's third migration fails. */
	@Bean
	@SmallsSet("billing")
	@ConditionalOnBooleanProperty("instances.test.fail")
	SmallsMigration failingBillingMigration() {
		return SqlMigration.sql(3, "broken", "ALTER TABLE no_such_table ADD x INT", "SELECT 1");
	}

}
