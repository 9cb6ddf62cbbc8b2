package dev.smalls.testapp.jdbc;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.smalls.SmallsMigration;

/**
 * Migrations declared as beans rather than components. A slice leaves this configuration out
 * unless a test imports it.
 */
@Configuration(proxyBeanMethods = false)
public class MigrationBeans {

	@Bean
	SmallsMigration addIsbn() {
		return new M0002AddIsbn();
	}

}
