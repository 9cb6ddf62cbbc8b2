package dev.smalls.oneshot;

import javax.sql.DataSource;

import org.apache.commons.logging.LogFactory;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeEvent;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

import dev.smalls.SmallsMigration;
import dev.smalls.SqlMigration;

/**
 * An application as a job would start it: a web server, JPA, a runner of its own, and three
 * migrations, the third of which fails while {@code oneshot.test.break=true}. Each of the
 * others says on standard output when it starts, so that a test can tell what a one-shot run
 * started. With {@code oneshot.test.announce-end=true} it also says how the run ended: the exit
 * code Spring Boot took, the application's close, and {@code main} returning.
 */
@SpringBootApplication
public class OneShotTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(OneShotTestApplication.class, args);
		if (Boolean.getBoolean("oneshot.test.announce-end")) {
			// Only when the run returns: not after System.exit, nor when it throws.
			System.out.println("MAIN RETURNED");
		}
	}

	@Bean
	SmallsMigration createPeople() {
		return SqlMigration.sql(1, "create_people", "CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100))",
				"DROP TABLE person");
	}

	@Bean
	SmallsMigration addAge() {
		return SqlMigration.sql(2, "add_age", "ALTER TABLE person ADD COLUMN age INT",
				"ALTER TABLE person DROP COLUMN age");
	}

	@Bean
	SmallsMigration addCity(Environment environment) {
		boolean broken = environment.getProperty("oneshot.test.break", Boolean.class, false);
		return SqlMigration.sql(3, "add_city", broken ? "ALTER TABLE no_such_table ADD COLUMN city VARCHAR(100)"
				: "ALTER TABLE person ADD COLUMN city VARCHAR(100)", "ALTER TABLE person DROP COLUMN city");
	}

	/** A contract step the model is not ready for: Person still maps name. */
	@Bean
	@ConditionalOnBooleanProperty("oneshot.test.drop-name")
	SmallsMigration dropName() {
		return new dev.smalls.schema.SchemaMigration() {

			@Override
			public int sequence() {
				return 4;
			}

			@Override
			public String name() {
				return "drop_name";
			}

			@Override
			public void change(dev.smalls.schema.Schema schema) {
				schema.dropColumn("person", "name", dev.smalls.schema.ColumnType.varchar(100));
			}

		};
	}

	@Bean
	HibernatePropertiesCustomizer announceJpa() {
		return (properties) -> System.out.println("JPA STARTED");
	}

	@Bean
	CommandLineRunner announceRunner() {
		return (args) -> System.out.println("APPLICATION RUNNER RAN");
	}

	/** The exit code Spring Boot takes from a run that ended with one (in {@code handleExitCode}). */
	@Bean
	@ConditionalOnBooleanProperty("oneshot.test.announce-end")
	ApplicationListener<ExitCodeEvent> announceExitCode() {
		return (event) -> System.out.println("EXIT CODE EVENT " + event.getExitCode());
	}

	@Bean
	@ConditionalOnBooleanProperty("oneshot.test.announce-end")
	ApplicationListener<ContextClosedEvent> announceClose() {
		return (event) -> System.out.println("APPLICATION CLOSED");
	}

	/**
	 * What an application may print while it starts, on standard output and in the log, as a
	 * one-shot run's output has to survive.
	 */
	@Bean
	@ConditionalOnBooleanProperty("oneshot.test.noise")
	SmartInitializingSingleton makeNoise() {
		return () -> {
			System.out.println("NOISE ON STANDARD OUTPUT");
			LogFactory.getLog(OneShotTestApplication.class).warn("NOISE IN THE LOG");
		};
	}

	/** A bean that needs the database while the application starts, as some applications have. */
	@Bean
	@ConditionalOnBooleanProperty("oneshot.test.connect-at-start")
	SmartInitializingSingleton connectAtStart(DataSource dataSource) {
		return () -> {
			try {
				dataSource.getConnection().close();
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException("Could not connect at start", ex);
			}
		};
	}

}
