package dev.smalls.autoconfigure;

import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

import dev.smalls.actuate.endpoint.SmallsEndpoint;
import dev.smalls.actuate.endpoint.SmallsEndpointRequestFilter;

/**
 * The {@link SmallsEndpointRequestFilter}, in the context whose server serves the endpoint:
 * the application's, or with {@code management.server.port} the child context Spring Boot
 * starts for the management server, which registers only its own filters.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, Filter.class })
@ConditionalOnAvailableEndpoint(SmallsEndpoint.class)
public final class SmallsEndpointManagementContextConfiguration {

	@Bean
	@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
	SmallsEndpointRequestFilter smallsEndpointRequestFilter(ObjectProvider<PathMappedEndpoints> endpoints,
			ObjectProvider<EndpointMediaTypes> mediaTypes) {
		return new SmallsEndpointRequestFilter(endpoints, mediaTypes);
	}

}
