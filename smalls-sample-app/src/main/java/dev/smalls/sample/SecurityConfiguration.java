package dev.smalls.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Anyone may read the status; migrating and rolling back need the ADMIN role over HTTP basic.
 * Web-only, because one-shot shell runs ({@code java -jar app.jar smalls status}) start
 * without a web server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/actuator/smalls/**")
			.hasRole("ADMIN")
			.anyRequest()
			.permitAll());
		http.httpBasic(Customizer.withDefaults());
		// The endpoint is called by scripts with basic auth, not by a browser session.
		http.csrf((csrf) -> csrf.ignoringRequestMatchers("/actuator/**"));
		return http.build();
	}

}
