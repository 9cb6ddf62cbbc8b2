package dev.smalls.autoconfigure;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.DataBatch;
import dev.smalls.DataMigration;
import dev.smalls.SmallsMigration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DataMigrationDependencies}: the beans a data migration takes are lazy proxies; values,
 * and every other bean's dependencies, are injected as they always are.
 */
class DataMigrationDependenciesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				SmallsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"greeting=hello")
		.withUserConfiguration(Beans.class);

	@Test
	void aDataMigrationsBeansAreLazyProxiesResolvedWhenFirstUsed() {
		this.contextRunner.run((context) -> {
			Backfill backfill = context.getBean(Backfill.class);
			assertThat(AopUtils.isAopProxy(backfill.service)).isTrue();
			assertThat(AopUtils.isAopProxy(backfill.names)).isTrue();
			assertThat(backfill.service.greet()).isEqualTo("hello from the service");
			assertThat(backfill.names.name()).isEqualTo("names");
		});
	}

	@Test
	void valuesAndOtherBeansDependenciesAreInjectedAsTheyAre() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(Backfill.class).greeting).isEqualTo("hello");
			assertThat(AopUtils.isAopProxy(context.getBean(SchemaStep.class).service)).isFalse();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		Service service(@Value("${greeting}") String greeting) {
			return new Service(greeting);
		}

		@Bean
		Names names() {
			return () -> "names";
		}

		@Bean
		Backfill backfill(Service service, Names names, @Value("${greeting}") String greeting) {
			return new Backfill(service, names, greeting);
		}

		@Bean
		SchemaStep schemaStep(Service service) {
			return new SchemaStep(service);
		}

	}

	/** A service class, proxied by subclass. */
	static class Service {

		private final @Nullable String greeting;

		Service(@Nullable String greeting) {
			this.greeting = greeting;
		}

		Service() {
			this(null);
		}

		String greet() {
			return this.greeting + " from the service";
		}

	}

	/** An interface bean, proxied by interface. */
	interface Names {

		String name();

	}

	static class Backfill implements DataMigration {

		final Service service;

		final Names names;

		final String greeting;

		Backfill(Service service, Names names, String greeting) {
			this.service = service;
			this.names = names;
			this.greeting = greeting;
		}

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public DataBatch migrateBatch(JdbcTemplate jdbc, @Nullable String after, int size) {
			return DataBatch.done(0);
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
		}

	}

	static class SchemaStep implements SmallsMigration {

		final Service service;

		SchemaStep(Service service) {
			this.service = service;
		}

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
		}

	}

}
