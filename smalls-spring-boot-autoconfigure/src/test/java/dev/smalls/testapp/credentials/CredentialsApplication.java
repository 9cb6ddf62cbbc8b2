package dev.smalls.testapp.credentials;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * An application whose database user may only read and write rows, while smalls migrates as
 * the user that owns the schema.
 */
@SpringBootApplication
@PropertySource("classpath:testapp/smalls-enabled.properties")
public class CredentialsApplication {

}
