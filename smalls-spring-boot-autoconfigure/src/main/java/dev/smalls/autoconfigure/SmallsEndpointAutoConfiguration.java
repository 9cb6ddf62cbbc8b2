package dev.smalls.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

import dev.smalls.SmallsInstances;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenants;
import dev.smalls.actuate.endpoint.ExpectedSequenceGuard;
import dev.smalls.actuate.endpoint.SmallsEndpoint;
import dev.smalls.actuate.endpoint.SmallsEndpointErrorResolver;
import dev.smalls.actuate.endpoint.UnknownKeysAdvisor;

/**
 * Auto-configuration for the {@link SmallsEndpoint}, read-only unless the operator grants
 * {@code management.endpoint.smalls.access=unrestricted}.
 */
@AutoConfiguration(after = SmallsAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(SmallsEndpoint.class)
@ConditionalOnBean(SmallsMigrator.class)
public final class SmallsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SmallsEndpoint smallsEndpoint(SmallsMigrator migrator, ExpectedSequenceGuard guard,
			ObjectProvider<SmallsTenants> tenants, ObjectProvider<SmallsInstances> instances) {
		return new SmallsEndpoint(migrator, guard, tenants.getIfAvailable(), instances.getIfAvailable());
	}

	// A callback of the migrator, which is built with every SmallsCallback bean, as is each
	// tenant's migrator: the migrator is looked up lazily, as it is created after its callbacks.
	@Bean
	@ConditionalOnMissingBean
	ExpectedSequenceGuard smallsExpectedSequenceGuard(ObjectProvider<SmallsMigrator> migrator) {
		return new ExpectedSequenceGuard(migrator);
	}

	@Bean
	@ConditionalOnMissingBean
	UnknownKeysAdvisor smallsUnknownKeysAdvisor() {
		return new UnknownKeysAdvisor();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(DispatcherServlet.class)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SmallsEndpointErrorResolver smallsEndpointErrorResolver(ObjectProvider<PathMappedEndpoints> endpoints) {
			return new SmallsEndpointErrorResolver(endpoints);
		}

	}

}
