package dev.smalls.actuate.endpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * As {@link UnrestrictedEndpointTest}, with the two schema migrations after the three
 * ({@code endpoint.test.schema=true}: 0004_add_tags and the irreversible 0005_freeze_tags),
 * and room for bursts of concurrent requests: a pool of 30 connections, and waits for H2's
 * table locks and smalls' lock long enough for every request of a burst to get its turn.
 * Test classes so annotated share one application context and start from an empty database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:endpoint-schema;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
				"spring.datasource.hikari.maximum-pool-size=30", "endpoint.test.schema=true",
				"management.endpoints.web.exposure.include=smalls", "management.endpoint.smalls.access=unrestricted",
				"smalls.lock-timeout=30s", "smalls.drift.record=true" })
@interface UnrestrictedSchemaEndpointTest {

}
