package dev.smalls.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import dev.smalls.MigrateResult;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.LockStrategy;

/**
 * A separate JVM that migrates when told to, as one instance of a deployment: the parent
 * prepares every instance (pool and migrator built, a connection opened), then tells them
 * all to go at once, for as many rounds as it likes. One line in, one line out:
 * <ul>
 * <li>{@code PREPARE <url> <user> <password or -> <strategy> <count> <lock timeout ms>
 * <name> <mixed or transactional>}: answers {@code READY};</li>
 * <li>{@code GO}: migrates {@link RaceMigrations 1 to count} and answers {@code RESULT
 * APPLIED <n>}, {@code RESULT LOCK_TIMEOUT <message>} (it waited out its lock timeout) or
 * {@code RESULT FAILED <message>};</li>
 * <li>{@code EXIT}.</li>
 * </ul>
 * Anything else it prints (its log) is not prefixed by {@code READY} or {@code RESULT}.
 */
public final class MigratorProcess {

	private MigratorProcess() {
	}

	public static void main(String[] args) throws IOException {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		HikariDataSource dataSource = null;
		SmallsMigrator migrator = null;
		String line;
		while ((line = in.readLine()) != null) {
			String[] words = line.split(" ");
			switch (words[0]) {
				case "PREPARE" -> {
					dataSource = new HikariDataSource();
					dataSource.setJdbcUrl(words[1]);
					dataSource.setUsername(words[2]);
					dataSource.setPassword("-".equals(words[3]) ? "" : words[3]);
					dataSource.setMaximumPoolSize(4);
					dataSource.setPoolName(words[7]);
					dataSource.addDataSourceProperty("ApplicationName", words[7]);
					migrator = SmallsMigrator.builder(dataSource)
						.migrations(RaceMigrations.upTo(Integer.parseInt(words[5]), words[7], "mixed".equals(words[8])))
						.lockStrategy(LockStrategy.valueOf(words[4]))
						.lockTimeout(Duration.ofMillis(Long.parseLong(words[6])))
						.build();
					// Open the pool now, so that GO races migrations, not connection set-up.
					try (var connection = dataSource.getConnection()) {
						out.println("READY");
					}
					catch (Exception ex) {
						out.println("READY but cannot connect: " + oneLine(ex));
					}
				}
				case "GO" -> {
					out.println("RESULT " + migrate(migrator));
					dataSource.close();
				}
				case "EXIT" -> {
					return;
				}
				default -> out.println("UNKNOWN " + line);
			}
		}
	}

	private static String migrate(SmallsMigrator migrator) {
		try {
			MigrateResult result = migrator.migrate();
			return "APPLIED " + result.applied().size();
		}
		catch (SmallsLockException ex) {
			// Only waiting out the timeout is clean; any other lock failure is a failure.
			return (ex.getMessage().startsWith("Another instance has held") ? "LOCK_TIMEOUT " : "FAILED ")
					+ oneLine(ex);
		}
		catch (RuntimeException ex) {
			return "FAILED " + ex.getClass().getSimpleName() + ": " + oneLine(ex);
		}
	}

	private static String oneLine(Exception ex) {
		return String.valueOf(ex.getMessage()).replace('\n', ' ');
	}

}
