package dev.smalls.testapp.datajpa;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * A JPA application whose schema only its migrations create, and Hibernate validates.
 */
@SpringBootApplication
@PropertySource({ "classpath:testapp/smalls-enabled.properties", "classpath:testapp/jpa-validate.properties" })
public class DataJpaApplication {

}
