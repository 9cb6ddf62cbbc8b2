package dev.smalls.autoconfigure;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsInstances;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsSet;
import dev.smalls.SqlMigration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smalls.instances} wired on two H2 databases: which migrations go where, which
 * settings an instance inherits, and the configurations refused before anything runs.
 */
class SmallsInstancesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				SmallsAutoConfiguration.class, SmallsInstancesAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
		.withUserConfiguration(BillingDataSource.class, Migrations.class);

	@Test
	void withoutInstancesNoneOfTheirBeansIsThere() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SmallsMigrator.class)
			.doesNotHaveBean(SmallsInstances.class)
			.doesNotHaveBean(SmallsInstancesInitializer.class)
			.doesNotHaveBean(MigrationSets.class));
	}

	@Test
	void anInstanceMigratesItsOwnMigrationsOnItsDataSourceAndTheDefaultSetTheOthers() {
		this.contextRunner
			.withPropertyValues("smalls.enabled=true", "smalls.instances.billing.datasource=billingDataSource")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SmallsInstancesInitializer.class);
				SmallsMigrator billing = context.getBean(SmallsInstances.class).migrator("billing");
				assertThat(billing.status().current()).isEqualTo(2);
				assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1);
				JdbcTemplate billingJdbc = new JdbcTemplate(context.getBean("billingDataSource", DataSource.class));
				assertThat(billingJdbc.queryForObject("SELECT COUNT(*) FROM invoice", Integer.class)).isZero();
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM orders",
						Integer.class)).isZero();
			});
	}

	@Test
	void anInstanceInheritsTheTopLevelSettingsItLeavesUnset() {
		this.contextRunner
			.withPropertyValues("smalls.table=app_history", "smalls.instances.billing.datasource=billingDataSource",
					"smalls.instances.audit.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
					"smalls.instances.audit.table=audit_history")
			.run((context) -> {
				SmallsInstances instances = context.getBean(SmallsInstances.class);
				assertThat(instances.names()).containsExactly("billing", "audit");
				assertThat(instances.migrator("billing").getTable()).isEqualTo("app_history");
				assertThat(instances.migrator("audit").getTable()).isEqualTo("audit_history");
				// Not migrated: smalls.enabled is not set.
				assertThat(instances.migrator("billing").status().pendingCount()).isEqualTo(2);
				assertThat(instances.migrator("audit").status().migrations()).isEmpty();
			});
	}

	@Test
	void anInstanceThatIsEnabledMigratesWhenTheDefaultSetDoesNot() {
		this.contextRunner
			.withPropertyValues("smalls.instances.billing.datasource=billingDataSource",
					"smalls.instances.billing.enabled=true")
			.run((context) -> {
				assertThat(context.getBean(SmallsInstances.class).migrator("billing").status().current()).isEqualTo(2);
				assertThat(context.getBean(SmallsMigrator.class).status().current()).isZero();
			});
	}

	@Test
	void anInstanceRunsTheSqlFilesOfItsOwnLocationsAndTheDefaultSetNotThem() {
		String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		this.contextRunner
			.withPropertyValues("smalls.instances.billing.datasource=billingDataSource", "smalls.instances.audit.url=" + url,
					// As a YAML list and map arrive: an index and a name after the key.
					"smalls.instances.audit.sql-locations[0]=classpath:sql-elsewhere",
					"smalls.instances.audit.sql-placeholders.owner=audit", "smalls.instances.audit.enabled=true")
			.run((context) -> {
				SmallsMigrator audit = context.getBean(SmallsInstances.class).migrator("audit");
				assertThat(audit.status().migrations()).extracting((migration) -> migration.displayName())
					.containsExactly("0001_create_elsewhere");
				assertThat(audit.status().pendingCount()).isZero();
				assertThat(context.getBean(SmallsMigrator.class).status().migrations())
					.noneMatch((migration) -> migration.name().equals("create_elsewhere"));
			});
	}

	@Test
	void anInstancesMissingSqlLocationStopsTheStartNamingIt() {
		this.contextRunner
			.withPropertyValues("smalls.instances.billing.datasource=billingDataSource",
					"smalls.instances.billing.sql-locations=classpath:sql-nowhere")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("classpath:sql-nowhere"));
	}

	@Test
	void aSmallsSetNamingNoInstanceIsRefusedWithTheClosestOne() {
		this.contextRunner.withPropertyValues("smalls.instances.bill.datasource=billingDataSource")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InstanceConfigurationException.class)
				.hasMessageContaining("@SmallsSet(\"billing\"), and there is no such instance; did you mean 'bill'?"));
	}

	@Test
	void aMigrationTwoInstancesClaimIsRefusedNamingBoth() {
		this.contextRunner
			.withPropertyValues("smalls.instances.billing.datasource=billingDataSource",
					"smalls.instances.audit.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"smalls.instances.audit.migrations-package=dev.smalls")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("belongs to two instances, 'billing' and 'audit'")
				.hasMessageContaining("@SmallsSet(\"billing\")")
				.hasMessageContaining("smalls.instances.audit.migrations-package=dev.smalls"));
	}

	@Test
	void aMisspelledDataSourceNameIsRefusedWithTheClosestOne() {
		this.contextRunner.withPropertyValues("smalls.instances.billing.datasource=billingDatasource")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("there is no DataSource bean of that name; did you mean 'billingDataSource'?"));
	}

	@Test
	void anInstanceWithoutADatabaseIsRefused() {
		this.contextRunner.withPropertyValues("smalls.instances.billing.table=billing_history")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("smalls instance 'billing' has no database."));
	}

	@Test
	void anInstanceKeepingItsHistoryWithTheDefaultSetsIsRefused() {
		this.contextRunner.withPropertyValues("smalls.instances.billing.datasource=dataSource")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("smalls instance 'billing' and the default set")
				.hasMessageContaining("smalls_history"));
	}

	@Test
	void anInstanceOnTheApplicationsDataSourceWithATableOfItsOwnIsFine() {
		this.contextRunner
			.withPropertyValues("smalls.enabled=true", "smalls.instances.billing.datasource=dataSource",
					"smalls.instances.billing.table=billing_history")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForList("SELECT name FROM billing_history ORDER BY sequence_no", String.class))
					.containsExactly("create_invoice", "add_paid_at");
			});
	}

	@Test
	void aMisspelledKeyIsRefusedWithTheClosestOne() {
		this.contextRunner
			.withPropertyValues("smalls.instances.billing.datasource=billingDataSource",
					"smalls.instances.billing.migration-package=com.example.billing")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Unknown property 'smalls.instances.billing.migration-package'")
				.hasMessageContaining("did you mean 'smalls.instances.billing.migrations-package'?"));
	}

	@Test
	void aNameAfterAKeyThatTakesNoneIsRefused() {
		this.contextRunner
			.withPropertyValues("smalls.instances.billing.datasource=billingDataSource",
					"smalls.instances.billing.table.name=billing_history")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Unknown property 'smalls.instances.billing.table.name'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class BillingDataSource {

		@Bean(defaultCandidate = false)
		DataSource billingDataSource() {
			return DataSourceBuilder.create().url("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Migrations {

		@Bean
		SmallsMigration createOrders() {
			return SqlMigration.sql(1, "create_orders", "CREATE TABLE orders (id INT)", "DROP TABLE orders");
		}

		@Bean
		@SmallsSet("billing")
		SmallsMigration createInvoice() {
			return SqlMigration.sql(1, "create_invoice", "CREATE TABLE invoice (id INT)", "DROP TABLE invoice");
		}

		@Bean
		@SmallsSet("billing")
		SmallsMigration addPaidAt() {
			return SqlMigration.sql(2, "add_paid_at", "ALTER TABLE invoice ADD paid_at TIMESTAMP",
					"ALTER TABLE invoice DROP COLUMN paid_at");
		}

	}

}
