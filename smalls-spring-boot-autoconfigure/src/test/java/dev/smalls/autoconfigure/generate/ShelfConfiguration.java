package dev.smalls.autoconfigure.generate;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * Tells Hibernate where the shelf entity is, and smalls which package is the application's.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ShelfConfiguration {

}
