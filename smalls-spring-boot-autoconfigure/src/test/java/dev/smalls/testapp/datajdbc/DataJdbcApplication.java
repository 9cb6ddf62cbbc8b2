package dev.smalls.testapp.datajdbc;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * A Spring Data JDBC application whose table only its migration creates.
 */
@SpringBootApplication
@PropertySource("classpath:testapp/smalls-enabled.properties")
public class DataJdbcApplication {

}
