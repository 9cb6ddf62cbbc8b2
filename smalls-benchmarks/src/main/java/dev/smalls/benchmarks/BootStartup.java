package dev.smalls.benchmarks;


import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.smalls.SmallsMigration;

/**
 * A minimal Spring Boot application with N migration beans for smalls or Flyway, or none.
 * Run in a child JVM; prints {@code millis=<time to a refreshed context> heap=<peak bytes>}.
 */
@SpringBootApplication
public class BootStartup {

	public static void main(String[] args) {
		String mode = args[0];
		String url = args[1];
		Workload workload = new Workload(Integer.parseInt(args[2]));
		long started = System.nanoTime();
		SpringApplication application = new SpringApplication(BootStartup.class);
		application.setLogStartupInfo(false);
		application.addInitializers((context) -> register((GenericApplicationContext) context, mode, workload));
		String exclude = switch (mode) {
			case "smalls" -> "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";
			case "flyway" -> "dev.smalls.autoconfigure.SmallsAutoConfiguration";
			default -> "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
					+ "dev.smalls.autoconfigure.SmallsAutoConfiguration";
		};
		ConfigurableApplicationContext context = application.run("--spring.datasource.url=" + url,
				"--spring.datasource.username=sa",
				"--spring.main.banner-mode=off", "--logging.level.root=warn", "--spring.main.web-application-type=none",
				"--smalls.enabled=true", "--spring.flyway.locations=classpath:smalls-benchmarks/none",
				"--spring.flyway.baseline-on-migrate=true", "--spring.flyway.baseline-version=0",
				"--spring.autoconfigure.exclude=" + exclude);
		double millis = (System.nanoTime() - started) / 1_000_000.0;
		System.out.println("millis=" + String.format(java.util.Locale.ROOT, "%.2f", millis) + " heap=" + ColdCheck.peakHeap());
		context.close();
		System.exit(0);
	}

	private static void register(GenericApplicationContext context, String mode, Workload workload) {
		for (int i = 1; i <= workload.size(); i++) {
			int version = i;
			if (mode.equals("smalls")) {
				context.registerBean("migration" + i, SmallsMigration.class,
						() -> new SmallsContender.BenchMigration(version, workload.migrateSql(version),
								workload.rollbackSql(version)));
			}
			else if (mode.equals("flyway")) {
				context.registerBean("migration" + i, JavaMigration.class,
						() -> new FlywayContender.BenchJavaMigration(version, workload.migrateSql(version)));
			}
		}
	}


}
