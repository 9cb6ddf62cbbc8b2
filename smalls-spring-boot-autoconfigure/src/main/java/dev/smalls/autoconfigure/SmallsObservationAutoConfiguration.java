package dev.smalls.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

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
	SmallsObservationCallback smallsObservationCallback(ObservationRegistry observationRegistry,
			Environment environment) {
		// With instances, the default set's steps are tagged too: one timer keeps one set of tags.
		return InstancesConfigured.configured(environment)
				? new SmallsObservationCallback(observationRegistry, SmallsObservationCallback.DEFAULT_INSTANCE)
				: new SmallsObservationCallback(observationRegistry);
	}

	/**
	 * Each instance's steps tagged with its name.
	 */
	@Bean
	@ConditionalOnMissingBean
	@Conditional(InstancesConfigured.class)
	InstanceObservations smallsInstanceObservations(ObservationRegistry observationRegistry) {
		return new InstanceObservations(observationRegistry);
	}

	static final class InstanceObservations implements InstanceCallbacks {

		private final ObservationRegistry registry;

		InstanceObservations(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Override
		public Class<SmallsObservationCallback> type() {
			return SmallsObservationCallback.class;
		}

		@Override
		public SmallsObservationCallback forInstance(String instance) {
			return new SmallsObservationCallback(this.registry, instance);
		}

	}

}
