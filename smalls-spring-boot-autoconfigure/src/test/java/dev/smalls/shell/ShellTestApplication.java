package dev.smalls.shell;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsSeeder;
import dev.smalls.SqlMigration;
import dev.smalls.testapp.schema.TagsMigrations;

/**
 * A non-web application with three migrations, the third of which fails while
 * {@code shell.test.break=true}, and a {@link ShellSession} to type at its prompt. With
 * {@code shell.test.schema=true}, two schema migrations follow: 0004_add_tags and the
 * irreversible 0005_freeze_tags.
 */
@SpringBootApplication
public class ShellTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShellTestApplication.class, args);
	}

	@Bean
	SmallsMigration createPeople() {
		return SqlMigration.sql(1, "create_people", "CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(100))",
				"DROP TABLE people");
	}

	@Bean
	SmallsMigration addAge() {
		return SqlMigration.sql(2, "add_age", "ALTER TABLE people ADD COLUMN age INT", "ALTER TABLE people DROP COLUMN age");
	}

	@Bean
	SmallsMigration addCity(org.springframework.core.env.Environment environment) {
		boolean broken = environment.getProperty("shell.test.break", Boolean.class, false);
		return SqlMigration.sql(3, "add_city", broken ? "ALTER TABLE no_such_table ADD COLUMN city VARCHAR(100)"
				: "ALTER TABLE people ADD COLUMN city VARCHAR(100)", "ALTER TABLE people DROP COLUMN city");
	}

	@Bean
	ShellSession shellSession(CommandParser parser, CommandRegistry registry) {
		return new ShellSession(parser, registry);
	}

	@Bean
	SmallsSeeder people() {
		return (jdbc) -> jdbc.update("INSERT INTO people (id, name) VALUES (1, 'Ada')");
	}

	@Bean
	@ConditionalOnBooleanProperty("shell.test.schema")
	SmallsMigration addTags() {
		return TagsMigrations.ADD_TAGS;
	}

	@Bean
	@ConditionalOnBooleanProperty("shell.test.schema")
	SmallsMigration freezeTags() {
		return TagsMigrations.FREEZE_TAGS;
	}

}
