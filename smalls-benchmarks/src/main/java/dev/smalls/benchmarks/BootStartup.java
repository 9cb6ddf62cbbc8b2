package dev.smalls.benchmarks;

import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.smalls.SmallsMigration;

/**
 * A minimal Spring Boot application with N migration beans for smalls or Flyway, or none.
 * Run in a child JVM by {@link BootScenario}; prints {@code millis=.. heap=..}, the time from
 * {@code main} to a refreshed context.
 * <p>
 * Arguments: mode ({@code smalls}, {@code flyway} or {@code no tool}), JDBC URL, user, N.
 */
@SpringBootApplication
public class BootStartup {

	private static final String FLYWAY = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

	private static final String SMALLS = "dev.smalls.autoconfigure.SmallsAutoConfiguration";

	public static void main(String[] args) {
		String mode = args[0];
		Workload workload = new Workload(Integer.parseInt(args[3]));
		long started = System.nanoTime();
		SpringApplication application = new SpringApplication(BootStartup.class);
		application.setLogStartupInfo(false);
		application.addInitializers((context) -> register((GenericApplicationContext) context, mode, workload));
		// Both tools are on this classpath: each app sees only its own, as a real one would.
		String exclude = switch (mode) {
			case SmallsContender.NAME -> FLYWAY;
			case FlywayContender.NAME -> SMALLS;
			default -> FLYWAY + "," + SMALLS;
		};
		ConfigurableApplicationContext context = application.run("--spring.datasource.url=" + args[1],
				"--spring.datasource.username=" + args[2], "--spring.main.banner-mode=off",
				"--logging.level.root=warn", "--spring.main.web-application-type=none", "--smalls.enabled=true",
				"--spring.flyway.locations=classpath:smalls-benchmarks/none", "--spring.flyway.baseline-on-migrate=true",
				"--spring.flyway.baseline-version=0", "--spring.autoconfigure.exclude=" + exclude);
		ChildJvm.report((System.nanoTime() - started) / 1_000_000.0);
		context.close();
		System.exit(0);
	}

	/** The migrations as beans, the way an application declares them. */
	private static void register(GenericApplicationContext context, String mode, Workload workload) {
		for (int i = 1; i <= workload.size(); i++) {
			int version = i;
			if (mode.equals(SmallsContender.NAME)) {
				context.registerBean("migration" + i, SmallsMigration.class,
						() -> new SmallsContender.BenchMigration(version, workload.migrateSql(version),
								workload.rollbackSql(version)));
			}
			else if (mode.equals(FlywayContender.NAME)) {
				context.registerBean("migration" + i, JavaMigration.class,
						() -> new FlywayContender.BenchJavaMigration(version, workload.migrateSql(version)));
			}
		}
	}

}
