package dev.smalls.testapp.jdbc;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * A plain JDBC application: a table its migration creates, written through
 * {@code JdbcTemplate}.
 */
@SpringBootApplication
@PropertySource("classpath:testapp/smalls-enabled.properties")
public class JdbcApplication {

}
