package dev.smalls.benchmarks;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.beans.factory.InitializingBean;
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
 * Arguments: mode ({@code smalls}, {@code flyway} or {@code no tool}), JDBC URL, user, N,
 * then any further Spring Boot arguments.
 */
@SpringBootApplication
public class BootStartup {

	private static final String FLYWAY = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

	private static final String SMALLS = "dev.smalls.autoconfigure.SmallsAutoConfiguration";

	/**
	 * No tool, but the N migration beans and one connection opened during start-up: what the
	 * container and the database cost whichever tool runs, so what a tool adds beyond it is
	 * the tool's own.
	 */
	static final String BEANS_AND_CONNECTION = "beans+connection";

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
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + args[1],
				"--spring.datasource.username=" + args[2], "--spring.main.banner-mode=off",
				"--logging.level.root=warn", "--spring.main.web-application-type=none", "--smalls.enabled=true",
				"--spring.flyway.locations=classpath:smalls-benchmarks/none", "--spring.flyway.baseline-on-migrate=true",
				"--spring.flyway.baseline-version=0", "--spring.autoconfigure.exclude=" + exclude));
		// Anything after N is passed on, replacing a default of the same name: to try a variation by hand.
		for (String extra : Arrays.asList(args).subList(4, args.length)) {
			String key = extra.split("=", 2)[0] + "=";
			arguments.removeIf((argument) -> argument.startsWith(key));
			arguments.add(extra);
		}
		ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new));
		ChildJvm.report(Effort.millisSince(started));
		context.close();
		System.exit(0);
	}

	/** The migrations as beans, the way an application declares them. */
	private static void register(GenericApplicationContext context, String mode, Workload workload) {
		if (mode.equals(BEANS_AND_CONNECTION)) {
			context.registerBean("openConnection", InitializingBean.class, () -> () -> {
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					connection.isValid(1);
				}
			});
		}
		for (int i = 1; i <= workload.size(); i++) {
			int version = i;
			if (mode.equals(SmallsContender.NAME) || mode.equals(BEANS_AND_CONNECTION)) {
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
