package dev.smalls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.smalls.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance of {@code plan} on PostgreSQL, read from the server's own statement log
 * ({@code log_statement = all}), not from anything smalls sees: every statement a real
 * migrate of twenty mixed migrations sends appears in the plan made before it, in the same
 * order. A server of its own, so that its log holds this test's statements only.
 */
class PostgresStatementLogPlanTests {

	private static final Pattern LOGGED = Pattern.compile("(?s)LOG:  (?:statement|execute [^:]*): (.*)");

	private static Path logs;

	private static EmbeddedPostgres server;

	@BeforeAll
	static void startAServerThatLogsEveryStatement() throws IOException {
		Path dir = Path.of(System.getProperty("basedir", "."), "target", "pg-statement-log-" + UUID.randomUUID());
		// The server's standard error, where it logs, written to a file by this JVM (as root,
		// embedded PostgreSQL runs the server as nobody, who may not write under target/).
		logs = dir.resolve("log");
		Files.createDirectories(logs);
		// The binaries where the other tests' server has them; a data directory of its own.
		Path binaries = Path.of(System.getProperty("basedir", "."), "target", "embedded-pg");
		if (System.getProperty("ot.epg.working-dir") == null) {
			System.setProperty("ot.epg.working-dir", binaries.toString());
		}
		server = EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(binaries.toFile())
			.setPGStartupWait(Duration.ofSeconds(60))
			.setDataDirectory(binaries.resolve("data-statement-log-" + UUID.randomUUID()))
			.setCleanDataDirectory(true)
			.setRegisterShutdownHook(false)
			.setServerConfig("log_statement", "all")
			.setErrorRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("statements.log").toFile()))
			.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("statements.log").toFile()))
			.start();
	}

	@AfterAll
	static void stop() throws IOException {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void everyStatementMigrateSendsIsInThePlanInTheSameOrder() throws Exception {
		String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
		try (TestDatabase.FreshDatabase db = TestDatabase.pooledFor(url, "postgres", "")) {
			HikariDataSource dataSource = db.dataSource();
			SmallsMigrator migrator = SmallsMigrator.builder(dataSource).migrations(PlanTests.twenty(dataSource))
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			migrator.migrate(3);
			MigrationPlan plan = migrator.plan();
			long offset = Files.size(logs.resolve("statements.log"));

			migrator.migrate();

			List<String> sent = collapse(PlanTests.migrationsOwn(loggedSince(offset, "CREATE TABLE t20")));
			List<String> planned = collapse(PlanTests.migrationsOwn(
					plan.migrations().stream().flatMap((migration) -> migration.statements().stream()).toList()));
			assertThat(sent).as("the server's log").hasSizeGreaterThanOrEqualTo(17);
			assertThat(planned).as("the plan against the server's log of the migrate").containsExactlyElementsOf(sent);
		}
	}

	/** The statements the server logged after an offset, once the last expected one is there. */
	private static List<String> loggedSince(long offset, String last) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			byte[] all = Files.readAllBytes(logs.resolve("statements.log"));
			String text = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
			if (text.contains(last) || System.nanoTime() > deadline) {
				// An entry starts with its time; a statement of several lines continues on the next ones.
				List<String> entries = new ArrayList<>();
				for (String line : text.split("\n")) {
					if (line.matches("^\\d{4}-\\d\\d-\\d\\d .*") || entries.isEmpty()) {
						entries.add(line);
					}
					else {
						entries.set(entries.size() - 1, entries.get(entries.size() - 1) + "\n" + line);
					}
				}
				List<String> statements = new ArrayList<>();
				for (String entry : entries) {
					Matcher matcher = LOGGED.matcher(entry);
					if (matcher.find()) {
						// The server numbers a prepared statement's parameters; JDBC writes them as ?.
						statements.add(matcher.group(1).replaceAll("\\$\\d+", "?"));
					}
				}
				return statements;
			}
			Thread.sleep(100);
		}
	}

	/** A batch runs one prepared statement once per row: the server logs each run. */
	private static List<String> collapse(List<String> statements) {
		List<String> collapsed = new ArrayList<>();
		for (String statement : statements) {
			if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(statement)) {
				collapsed.add(statement);
			}
		}
		return collapsed;
	}

}
