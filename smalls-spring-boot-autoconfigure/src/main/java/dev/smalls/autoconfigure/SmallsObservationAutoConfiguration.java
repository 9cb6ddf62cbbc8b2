package dev.smalls.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.smalls.actuate.metrics.SmallsObservationCallback;

/**
 * Auto-configuration that observes every migration and rollback step with Micrometer.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
public final class SmallsObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SmallsObservationCallback smallsObservationCallback(ObservationRegistry observationRegistry) {
		return new SmallsObservationCallback(observationRegistry);
	}

}
