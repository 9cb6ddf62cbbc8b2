package dev.smalls.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import dev.smalls.SmallsInstances;
import dev.smalls.SmallsMigrator;
import dev.smalls.actuate.health.LastRunOutcome;
import dev.smalls.actuate.health.SmallsHealthIndicator;

/**
 * Auto-configuration for the {@code smalls} health contributor.
 */
@AutoConfiguration(after = { SmallsAutoConfiguration.class, SmallsInstancesAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(SmallsMigrator.class)
@ConditionalOnEnabledHealthIndicator("smalls")
public final class SmallsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LastRunOutcome smallsLastRunOutcome() {
		return new LastRunOutcome();
	}

	@Bean
	@ConditionalOnMissingBean(name = { "smallsHealthIndicator", "smallsHealthContributor" })
	SmallsHealthIndicator smallsHealthIndicator(SmallsMigrator migrator, LastRunOutcome lastRun,
			SmallsProperties properties) {
		return new SmallsHealthIndicator(migrator, lastRun, properties.isEnabled(), properties.getTarget(),
				properties.getDrift().isHealth());
	}

	/**
	 * {@code smallsInstances}: one member per instance of {@code smalls.instances}, each
	 * with the last run outcome of its own migrator.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(InstancesConfigured.class)
	static class InstancesHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InstanceLastRunOutcomes smallsInstanceLastRunOutcomes() {
			return new InstanceLastRunOutcomes();
		}

		@Bean
		@ConditionalOnMissingBean(name = "smallsInstancesHealthContributor")
		CompositeHealthContributor smallsInstancesHealthContributor(SmallsInstances instances,
				InstanceLastRunOutcomes outcomes, SmallsProperties properties) {
			Map<String, HealthContributor> members = new LinkedHashMap<>();
			instances.migrators().forEach((name, migrator) -> {
				InstanceProperties instance = properties.getInstances().get(name);
				members.put(name, new SmallsHealthIndicator(migrator, outcomes.forInstance(name),
						instance.migratesOnStartup(properties), instance.getTarget(), properties.getDrift().isHealth()));
			});
			return CompositeHealthContributor.fromMap(members);
		}

	}

	/**
	 * A last run outcome for each instance's migrator, instead of the default set's.
	 */
	static final class InstanceLastRunOutcomes implements InstanceCallbacks {

		private final Map<String, LastRunOutcome> outcomes = new ConcurrentHashMap<>();

		@Override
		public Class<LastRunOutcome> type() {
			return LastRunOutcome.class;
		}

		@Override
		public LastRunOutcome forInstance(String instance) {
			return this.outcomes.computeIfAbsent(instance, (name) -> new LastRunOutcome());
		}

	}

}
