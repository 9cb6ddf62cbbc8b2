package dev.smalls.testapp.generate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A JPA application with Spring Shell whose entity is ahead of its one migration: the
 * application {@code smalls generate} is run in, through the shell and as a one-shot process.
 */
@SpringBootApplication
public class GenerateApplication {

	public static void main(String[] args) {
		SpringApplication.run(GenerateApplication.class, args);
	}

}
