package dev.smalls.actuate.endpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The endpoint over real HTTP with write access granted, on {@link EndpointTestApplication}'s
 * three migrations. Every test class so annotated shares one application context (Spring's
 * test context cache keys it by this configuration), so each of its tests starts from an
 * empty database of its own making. A lock held by another instance is waited for 300 ms.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:endpoint-unrestricted;DB_CLOSE_DELAY=-1",
				"management.endpoints.web.exposure.include=smalls", "management.endpoint.smalls.access=unrestricted",
				"smalls.lock-timeout=300ms" })
@interface UnrestrictedEndpointTest {

}
