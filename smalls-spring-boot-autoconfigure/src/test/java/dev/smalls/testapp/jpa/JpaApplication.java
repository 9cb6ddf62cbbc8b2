package dev.smalls.testapp.jpa;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * What start.spring.io gives a new user (JPA on the default in-memory H2, no
 * {@code spring.jpa.hibernate.ddl-auto}) plus smalls with {@code smalls.enabled=true}, an
 * entity and two migrations.
 */
@SpringBootApplication
@PropertySource("classpath:testapp/smalls-enabled.properties")
public class JpaApplication {

}
