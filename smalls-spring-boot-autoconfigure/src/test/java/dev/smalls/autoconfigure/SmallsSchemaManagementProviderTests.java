package dev.smalls.autoconfigure;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether smalls tells Spring Boot that it manages a data source's schema: only for the one
 * it migrates on start-up.
 */
class SmallsSchemaManagementProviderTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void theMigratedDataSourceIsManagedWhenSmallsMigratesOnStartUp() {
		this.contextRunner.withPropertyValues("smalls.enabled=true")
			.run((context) -> assertThat(context.getBean(SchemaManagementProvider.class)
				.getSchemaManagement(context.getBean(DataSource.class))).isEqualTo(SchemaManagement.MANAGED));
	}

	@Test
	void nothingIsClaimedWhenSmallsDoesNotMigrateOnStartUp() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SchemaManagementProvider.class));
	}

	@Test
	void anotherDataSourceIsNotManaged() {
		this.contextRunner.withPropertyValues("smalls.enabled=true")
			.withUserConfiguration(TwoDataSources.class)
			.run((context) -> {
				SchemaManagementProvider provider = context.getBean(SchemaManagementProvider.class);
				assertThat(provider.getSchemaManagement(context.getBean("smallsDataSource", DataSource.class)))
					.isEqualTo(SchemaManagement.MANAGED);
				assertThat(provider.getSchemaManagement(context.getBean("mainDataSource", DataSource.class)))
					.isEqualTo(SchemaManagement.UNMANAGED);
			});
	}

	@Test
	void theApplicationDataSourceIsManagedWhenSmallsMigratesItsDatabaseAsAnotherUser() {
		this.contextRunner.withPropertyValues("smalls.enabled=true", "smalls.user=sa", "smalls.password=")
			.run((context) -> assertThat(context.getBean(SchemaManagementProvider.class)
				.getSchemaManagement(context.getBean(DataSource.class))).isEqualTo(SchemaManagement.MANAGED));
	}

	@Test
	void theApplicationDataSourceIsNotClaimedWhenSmallsMigratesAnotherUrl() {
		this.contextRunner
			.withPropertyValues("smalls.enabled=true",
					"smalls.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
			.run((context) -> assertThat(context.getBean(SchemaManagementProvider.class)
				.getSchemaManagement(context.getBean(DataSource.class))).isEqualTo(SchemaManagement.UNMANAGED));
	}

	@Test
	void withAMigratorOfTheApplicationsOwnNothingIsClaimed() {
		this.contextRunner.withPropertyValues("smalls.enabled=true")
			.withUserConfiguration(OwnMigrator.class)
			.run((context) -> assertThat(context.getBean(SchemaManagementProvider.class)
				.getSchemaManagement(context.getBean(DataSource.class))).isEqualTo(SchemaManagement.UNMANAGED));
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		@Bean
		@Primary
		DataSource mainDataSource() {
			return DataSourceBuilder.create().url("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").build();
		}

		@Bean
		@SmallsDataSource
		DataSource smallsDataSource() {
			return DataSourceBuilder.create().url("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMigrator {

		@Bean
		SmallsMigrator ownMigrator(DataSource dataSource) {
			return SmallsMigrator.builder(dataSource).build();
		}

	}

}
