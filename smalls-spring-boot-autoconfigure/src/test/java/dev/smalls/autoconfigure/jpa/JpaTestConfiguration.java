package dev.smalls.autoconfigure.jpa;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * Tells Hibernate where the test entities are.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class JpaTestConfiguration {

}
