package dev.smalls.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.smalls.SmallsMigration;
import dev.smalls.SqlMigration;
import dev.smalls.actuate.metrics.SmallsObservationCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SmallsObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class,
				SmallsObservationAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Test
	void runWithAnObservationRegistryObservesEveryStepOnStartUp() {
		this.contextRunner.withUserConfiguration(RecordingRegistry.class, TwoMigrations.class)
			.withPropertyValues("smalls.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(SmallsObservationCallback.class);
				assertThat(context.getBean(RecordingRegistry.class).stopped).extracting(
						(observation) -> observation.getName(),
						(observation) -> observation.getLowCardinalityKeyValue("operation").getValue(),
						(observation) -> observation.getLowCardinalityKeyValue("outcome").getValue(),
						(observation) -> observation.getHighCardinalityKeyValue("migration").getValue())
					.containsExactly(tuple("smalls.migration", "migrate", "success", "0001_create_t1"),
							tuple("smalls.migration", "migrate", "success", "0002_create_t2"));
			});
	}

	@Test
	void runWithoutAnObservationRegistryShouldNotObserve() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SmallsObservationCallback.class));
	}

	@Test
	void runWithoutMicrometerShouldNotObserve() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SmallsObservationCallback.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingRegistry {

		final List<Observation.Context> stopped = new ArrayList<>();

		@Bean
		ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public void onStop(Observation.Context context) {
					RecordingRegistry.this.stopped.add(context);
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			});
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoMigrations {

		@Bean
		SmallsMigration one() {
			return SqlMigration.table(1);
		}

		@Bean
		SmallsMigration two() {
			return SqlMigration.table(2);
		}

	}

}
