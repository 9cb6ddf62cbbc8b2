import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs one Flyway version's migrate, in a JVM of its own, for FlywayVersionsAdoptionTests: the
 * test JVM has Flyway 12 on its class path, so Flyway 9, 10 and 11 each run here, from
 * target/flyway-versions/<version>/ and the test's JDBC drivers. Launched as a single-file
 * program, compiled at launch against the Flyway on its class path:
 *
 * java -cp <jars> FlywayRunner.java <url> <user> <password, or - for none> <locations, comma-separated>
 *     [<setting>=<value> ...]
 *
 * Each setting is one of Flyway's, without its "flyway." prefix: schemas=app, baselineOnMigrate=true.
 * Prints the Flyway version and what it applied; any failure ends it with a stack trace and a
 * non-zero exit code.
 */
public class FlywayRunner {

	public static void main(String[] args) {
		if (args.length < 4) {
			System.err.println("Usage: FlywayRunner <url> <user> <password or -> <locations, comma-separated> "
					+ "[<setting>=<value> ...]");
			System.exit(2);
		}
		String password = "-".equals(args[2]) ? "" : args[2];
		String[] locations = Arrays.stream(args[3].split(",")).map((location) -> "filesystem:" + location)
			.toArray(String[]::new);
		Map<String, String> settings = new HashMap<>();
		for (String setting : Arrays.copyOfRange(args, 4, args.length)) {
			String[] pair = setting.split("=", 2);
			settings.put("flyway." + pair[0], pair[1]);
		}
		MigrateResult result = Flyway.configure()
			.configuration(settings)
			.dataSource(args[0], args[1], password)
			.locations(locations)
			.load()
			.migrate();
		System.out.println("FLYWAY " + result.flywayVersion + " on " + result.database + ": "
				+ result.migrationsExecuted + " migrations executed, success=" + result.success);
		for (MigrateOutput migration : result.migrations) {
			System.out.println("APPLIED " + migration.version + " " + migration.description + " " + migration.type
					+ " " + migration.filepath);
		}
	}

}
