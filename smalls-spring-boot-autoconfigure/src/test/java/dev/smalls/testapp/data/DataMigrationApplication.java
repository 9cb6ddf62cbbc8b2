package dev.smalls.testapp.data;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application with JPA, whose second migration is a backfill that uses its repository.
 */
@SpringBootApplication
public class DataMigrationApplication {

}
