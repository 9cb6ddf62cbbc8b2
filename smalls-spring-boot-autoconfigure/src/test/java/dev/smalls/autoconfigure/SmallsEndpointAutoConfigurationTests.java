package dev.smalls.autoconfigure;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.smalls.actuate.endpoint.ExpectedSequenceGuard;
import dev.smalls.actuate.endpoint.SmallsEndpoint;
import dev.smalls.actuate.endpoint.SmallsEndpointErrorResolver;
import dev.smalls.actuate.endpoint.UnknownKeysAdvisor;

import static org.assertj.core.api.Assertions.assertThat;

class SmallsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class,
				SmallsEndpointAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID());

	@Test
	void runWhenExposedShouldHaveEndpointBean() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=smalls")
			.run((context) -> assertThat(context).hasSingleBean(SmallsEndpoint.class));
	}

	@Test
	void runWhenExposedShouldGuardWritesAgainstUnknownKeysAndMovedSequences() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=smalls")
			.run((context) -> assertThat(context).hasSingleBean(UnknownKeysAdvisor.class)
				.hasSingleBean(ExpectedSequenceGuard.class));
	}

	@Test
	void runWithTenantsShouldGiveThemToTheEndpoint() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=smalls",
					"spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()
							+ ";DB_CLOSE_DELAY=-1;INIT=CREATE SCHEMA IF NOT EXISTS ACME",
					"smalls.tenants.schemas=acme")
			.run((context) -> assertThat(context.getBean(SmallsEndpoint.class).status().tenants()).containsOnlyKeys("acme"));
	}

	@Test
	void runInAServletApplicationShouldAnswerWhatSpringMvcRefusesWithSmallsErrors() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SmallsAutoConfiguration.class,
					SmallsEndpointAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"management.endpoints.web.exposure.include=smalls")
			.run((context) -> assertThat(context).hasSingleBean(SmallsEndpointErrorResolver.class));
	}

	@Test
	void runOutsideAServletApplicationShouldNotHaveTheSpringMvcErrorResolver() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=smalls")
			.run((context) -> assertThat(context).hasSingleBean(SmallsEndpoint.class)
				.doesNotHaveBean(SmallsEndpointErrorResolver.class));
	}

	@Test
	void runWhenNotExposedShouldNotHaveEndpointBean() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SmallsEndpoint.class));
	}

	@Test
	void runWhenAccessIsNoneShouldNotHaveEndpointBean() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=smalls",
					// Upper case: the runner's environment lacks Boot's lenient enum conversion.
					"management.endpoint.smalls.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(SmallsEndpoint.class));
	}

	@Test
	void runWithoutActuatorShouldNotHaveEndpointBean() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=smalls")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SmallsEndpoint.class));
	}

}
