package dev.smalls.testapp.firstmigration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A JPA application with Spring Shell and an entity, but no migration yet: a project that
 * has just added smalls.
 */
@SpringBootApplication
public class FirstMigrationApplication {

	public static void main(String[] args) {
		SpringApplication.run(FirstMigrationApplication.class, args);
	}

}
