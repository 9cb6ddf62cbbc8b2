package dev.smalls.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.smalls.SmallsMigrator;
import dev.smalls.actuate.health.LastRunOutcome;
import dev.smalls.actuate.health.SmallsHealthIndicator;

/**
 * Auto-configuration for the {@code smalls} health contributor.
 */
@AutoConfiguration(after = SmallsAutoConfiguration.class)
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

}
