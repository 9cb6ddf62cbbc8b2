package dev.smalls.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.smalls.SmallsMigrator;
import dev.smalls.actuate.endpoint.SmallsEndpoint;

/**
 * Auto-configuration for the {@link SmallsEndpoint}, read-only unless the operator grants
 * {@code management.endpoint.smalls.access=unrestricted}.
 */
@AutoConfiguration(after = SmallsAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(SmallsEndpoint.class)
public final class SmallsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SmallsMigrator.class)
	SmallsEndpoint smallsEndpoint(SmallsMigrator migrator) {
		return new SmallsEndpoint(migrator);
	}

}
