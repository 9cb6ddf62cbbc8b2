package dev.smalls.aot;

import org.springframework.aot.AotDetector;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;

/**
 * Migrates on start-up, then says what it finds and exits: whether it runs from
 * ahead-of-time generated code, the current sequence, and the rows its migrations and its
 * seed script wrote.
 */
@SpringBootApplication
public class AotApplication {

	public static void main(String[] args) {
		SpringApplication.run(AotApplication.class, args);
	}

	@Bean
	ApplicationRunner report(SmallsMigrator migrator, JdbcTemplate jdbc) {
		return (args) -> {
			migrator.seed();
			System.out.println("aot=" + AotDetector.useGeneratedArtifacts());
			System.out.println("current=" + migrator.status().current());
			System.out.println("greetings=" + jdbc.queryForList("SELECT text FROM greeting ORDER BY id", String.class));
		};
	}

}
