package dev.smalls.testapp.secured;

import jakarta.servlet.Filter;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import dev.smalls.SmallsMigration;
import dev.smalls.SqlMigration;

/**
 * A web application whose endpoint sits behind Spring Security: user {@code deploy} (role
 * DEPLOY) may POST only {@code /actuator/smalls/migrate}; user {@code admin} (role ADMIN) may
 * POST anything under {@code /actuator/smalls}. Three migrations, each of which rolls back.
 */
@SpringBootApplication
@EnableWebSecurity
public class SecuredEndpointApplication {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(HttpMethod.POST, "/actuator/smalls/migrate")
			.hasAnyRole("DEPLOY", "ADMIN")
			.requestMatchers(HttpMethod.POST, "/actuator/smalls/**")
			.hasRole("ADMIN")
			.anyRequest()
			.permitAll());
		http.httpBasic(Customizer.withDefaults());
		http.csrf((csrf) -> csrf.ignoringRequestMatchers("/actuator/**"));
		return http.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("deploy").password("{noop}deploy").roles("DEPLOY").build(),
				User.withUsername("admin").password("{noop}admin").roles("ADMIN").build());
	}

	// As Boot's security auto-configuration registers it (not on this test class path, as it
	// would lock every other test application): ahead of the application's filters.
	@Bean
	FilterRegistrationBean<Filter> securityFilterChainRegistration(
			@Qualifier("springSecurityFilterChain") Filter securityFilterChain) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(securityFilterChain);
		registration.setOrder(-100);
		return registration;
	}

	@Bean
	SmallsMigration createA() {
		return SqlMigration.sql(1, "create_a", "CREATE TABLE a (id INT)", "DROP TABLE a");
	}

	@Bean
	SmallsMigration createB() {
		return SqlMigration.sql(2, "create_b", "CREATE TABLE b (id INT)", "DROP TABLE b");
	}

	@Bean
	SmallsMigration createC() {
		return SqlMigration.sql(3, "create_c", "CREATE TABLE c (id INT)", "DROP TABLE c");
	}

}
