package dev.smalls.autoconfigure;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenant;
import dev.smalls.SmallsTenants;
import dev.smalls.SmallsTenantsException;
import dev.smalls.SqlMigration;
import dev.smalls.dialect.LockStrategy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenants in a Boot application: configured by property or by a bean, migrated at start-up,
 * and a failing tenant failing the start with every failure listed.
 */
class SmallsTenantsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				SmallsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()
				+ ";DB_CLOSE_DELAY=-1;INIT=CREATE SCHEMA IF NOT EXISTS ACME\\;CREATE SCHEMA IF NOT EXISTS GLOBEX");

	@Test
	void schemasFromThePropertiesAreMigratedAtStartUpEachWithItsOwnHistory() {
		this.contextRunner.withUserConfiguration(Migrations.class)
			.withPropertyValues("smalls.enabled=true", "smalls.tenants.schemas=acme,globex")
			.run((context) -> {
				assertThat(context).hasSingleBean(SmallsTenants.class).hasSingleBean(SmallsTenantsInitializer.class)
					.doesNotHaveBean(SmallsMigrationInitializer.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				for (String schema : List.of("acme", "globex")) {
					assertThat(jdbc.queryForList("SELECT sequence_no FROM " + schema + ".smalls_history", Integer.class))
						.containsExactly(1);
					assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + schema + ".t1", Integer.class)).isZero();
				}
				// The default schema is not a tenant, and was not migrated.
				assertThat(context.getBean(SmallsMigrator.class).status().current()).isZero();
			});
	}

	@Test
	void aTenantSourceBeanGivesTheTenants() {
		this.contextRunner.withUserConfiguration(Migrations.class, OneTenantSource.class)
			.withPropertyValues("smalls.enabled=true")
			.run((context) -> {
				assertThat(context.getBean(SmallsTenants.class).tenants()).extracting(SmallsTenant::id)
					.containsExactly("acme");
				assertThat(context.getBean(SmallsTenants.class).migrator("acme").status().current()).isEqualTo(1);
			});
	}

	@Test
	void aFailingTenantFailsTheStartNamingIt() {
		this.contextRunner.withUserConfiguration(Migrations.class)
			.withPropertyValues("smalls.enabled=true", "smalls.tenants.schemas=acme,nowhere,globex")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(findTenantsFailure(context.getStartupFailure()).getMessage())
					.startsWith("1 of 3 tenants failed: nowhere (smalls could not run in schema nowhere");
			});
	}

	@Test
	void withoutTenantsTheApplicationsDataSourceIsMigratedAsBefore() {
		this.contextRunner.withUserConfiguration(Migrations.class)
			.withPropertyValues("smalls.enabled=true")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SmallsTenants.class).hasSingleBean(SmallsMigrationInitializer.class);
				assertThat(context.getBean(SmallsMigrator.class).status().current()).isEqualTo(1);
			});
	}

	@Test
	void theLockStrategyAndLeaseComeFromTheProperties() {
		this.contextRunner.withUserConfiguration(Migrations.class)
			.withPropertyValues("smalls.enabled=true", "smalls.lock=lease", "smalls.lock-lease=5s")
			.run((context) -> {
				assertThat(context.getBean(SmallsProperties.class).getLock()).isEqualTo(LockStrategy.LEASE);
				assertThat(context.getBean(SmallsMigrator.class).lockStatus().strategy()).isEqualTo(LockStrategy.LEASE);
				// A lease lives in its own table, with its holder's columns: it was the lock used.
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT COUNT(*) FROM smalls_history_lock WHERE owner IS NULL AND expires_at = 0",
							Integer.class))
					.isOne();
			});
	}

	@Test
	void aLockStrategyTheDatabaseCannotHoldStopsTheStartWithTheOnesItCan() {
		this.contextRunner.withUserConfiguration(Migrations.class)
			.withPropertyValues("smalls.enabled=true", "smalls.lock=session")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("smalls cannot take a session lock on H2");
			});
	}

	private static SmallsTenantsException findTenantsFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SmallsTenantsException tenants) {
				return tenants;
			}
		}
		throw new AssertionError("no SmallsTenantsException in " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class Migrations {

		@Bean
		SmallsMigration createT1() {
			return SqlMigration.table(1);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OneTenantSource {

		@Bean
		SmallsTenantSource tenants(DataSource dataSource) {
			return () -> List.of(new SmallsTenant("acme", dataSource, "acme"));
		}

	}

}
