package dev.smalls.oneshot;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java ... smalls <command>} in a process of its own, as a script or a CI job runs
 * it: output on standard output, an exit code that says how it went, and nothing started
 * that the command does not need.
 */
class OneShotProcessTests {

	private static final String[] SPRING_SHELL = { "spring-shell-", "jline-" };

	private final Path database = Path.of("target", "one-shot", UUID.randomUUID().toString(), "db").toAbsolutePath();

	private JavaProcess app(boolean springShell) {
		JavaProcess app = new JavaProcess().property("spring.datasource.url", "jdbc:h2:file:" + this.database);
		return springShell ? app : app.without(SPRING_SHELL);
	}

	@ParameterizedTest(name = "with Spring Shell on the classpath: {0}")
	@ValueSource(booleans = { true, false })
	void commandsRunOnceAndExitWithACodeThatSaysHowItWent(boolean springShell) throws Exception {
		JavaProcess.Run status = app(springShell).run("smalls", "status");
		assertThat(status.exitCode()).as(status.output()).isZero();
		assertThat(status.output()).containsPattern("0001\\s+create_people\\s+PENDING")
			.contains("Current sequence: 0000, 3 pending")
			.doesNotContain(" INFO ")
			.doesNotContain("migrations are pending, and smalls does not apply them on start-up");

		JavaProcess.Run migrate = app(springShell).run("smalls", "migrate", "--to", "2");
		assertThat(migrate.exitCode()).as(migrate.output()).isZero();
		assertThat(migrate.output()).contains("Migrations are complete: batch 1, current sequence 0002.");

		JavaProcess.Run failing = app(springShell).property("oneshot.test.break", "true").run("smalls", "migrate");
		assertThat(failing.exitCode()).as(failing.output()).isEqualTo(1);
		assertThat(failing.output()).contains("Error: Migration 0003_add_city failed:").doesNotContain("\tat ");

		// H2 committed before the failed DDL: 0003 is left interrupted until a person says it is clean.
		JavaProcess.Run repair = app(springShell).run("smalls", "repair", "0003");
		assertThat(repair.exitCode()).as(repair.output()).isZero();
		assertThat(repair.output()).contains("smalls forgot that 0003_add_city was interrupted");

		JavaProcess.Run typo = app(springShell).run("smalls", "rolback", "1");
		assertThat(typo.exitCode()).as(typo.output()).isEqualTo(2);
		assertThat(typo.output()).contains("Error: unknown command 'smalls rolback 1'");

		JavaProcess.Run rollback = app(springShell).run("smalls", "rollback", "0000");
		assertThat(rollback.exitCode()).as(rollback.output()).isZero();
		assertThat(rollback.output()).contains("Rollback is complete: current sequence 0000.");
	}

	@Test
	void statusJsonPrintsOneJsonDocumentOnStandardOutputAndEverythingElseOnStandardError() throws Exception {
		JavaProcess.Separated status = app(false).property("oneshot.test.noise", "true")
			.runSeparated("smalls", "status", "--json");
		assertThat(status.exitCode()).as(status.errors()).isZero();
		JsonNode document = json(status.output());
		assertThat(document.get("format").asInt()).isEqualTo(1);
		assertThat(document.get("command").asString()).isEqualTo("status");
		assertThat(document.get("current").asInt()).isZero();
		assertThat(document.get("pending").asInt()).isEqualTo(3);
		assertThat(document.get("migrations").get(0).get("name").asString()).isEqualTo("create_people");
		assertThat(status.errors()).contains("NOISE ON STANDARD OUTPUT").contains("NOISE IN THE LOG");

		JavaProcess.Separated wrong = app(false).runSeparated("smalls", "status", "--json", "--to", "2");
		assertThat(wrong.exitCode()).as(wrong.errors()).isEqualTo(2);
		assertThat(json(wrong.output()).get("error").asString()).contains("Unknown option '--to'");
	}

	@Test
	void statusJsonThatFailsBeforeOrWhileTheCommandRunsIsOneJsonDocumentToo() throws Exception {
		try (Connection running = DriverManager.getConnection("jdbc:h2:file:" + this.database, "sa", "")) {
			JavaProcess.Separated locked = app(false).runSeparated("smalls", "status", "--json");
			assertThat(locked.exitCode()).as(locked.errors()).isEqualTo(1);
			assertThat(json(locked.output()).get("error").asString())
				.startsWith("smalls could not connect to the database: ");
			assertThat(json(locked.output()).get("action").asString()).contains(";AUTO_SERVER=TRUE");

			JavaProcess.Separated atStart = app(false).property("oneshot.test.connect-at-start", "true")
				.runSeparated("smalls", "status", "--json");
			assertThat(atStart.exitCode()).as(atStart.errors()).isEqualTo(1);
			assertThat(json(atStart.output()).get("error").asString())
				.startsWith("the application failed to start, so the smalls command did not run: ");
			assertThat(json(atStart.output()).get("command").asString()).isEqualTo("status");
		}
	}

	/** Standard output, read as exactly one JSON document: anything before or after it fails. */
	private static JsonNode json(String output) {
		assertThat(output).startsWith("{");
		return JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build().readTree(output);
	}

	@Test
	void theChecksBeforeADeployRunOneShotWithTheirExitCodes() throws Exception {
		JavaProcess.Run plan = app(false).run("smalls", "plan");
		assertThat(plan.exitCode()).as(plan.output()).isZero();
		assertThat(plan.output()).contains("-- 0001_create_people")
			.contains("CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100));");

		JavaProcess.Run rehearse = app(false).run("smalls", "rehearse");
		assertThat(rehearse.exitCode()).as(rehearse.output()).isZero();
		assertThat(rehearse.output()).contains("Rehearsal is clean: 3 migrations");

		assertThat(app(false).property("smalls.drift.record", "true").run("smalls", "migrate").exitCode()).isZero();
		JavaProcess.Run clean = app(false).run("smalls", "drift");
		assertThat(clean.exitCode()).as(clean.output()).isZero();
		assertThat(clean.output()).contains("No drift");

		// As a person would, with the application's own credentials (it names none: H2's default user).
		try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + this.database, "", "")) {
			connection.createStatement().execute("ALTER TABLE person ADD COLUMN nickname VARCHAR(20)");
		}
		JavaProcess.Separated drift = app(false).runSeparated("smalls", "drift", "--json");
		assertThat(drift.exitCode()).as(drift.errors()).isEqualTo(3);
		assertThat(json(drift.output()).get("differences").get(0).asString())
			.containsIgnoringCase("column person.nickname is new");
	}

	@Test
	void lintRunsOneShotReadsTheJpaModelAndExitsWithThreeOnAProblem() throws Exception {
		assertThat(app(false).run("smalls", "migrate").exitCode()).isZero();

		JavaProcess.Run lint = app(false).property("oneshot.test.drop-name", "true").run("smalls", "lint");

		assertThat(lint.exitCode()).as(lint.output()).isEqualTo(3);
		assertThat(lint.output()).contains("error [mapped-column-dropped] 0004_drop_name: dropColumn person.name")
			.contains("no lock rules are written for H2");
		JavaProcess.Run clean = app(false).run("smalls", "lint");
		assertThat(clean.exitCode()).as(clean.output()).isZero();
		assertThat(clean.output()).contains("Nothing is pending");
	}

	@Test
	void aNumberWithSpacesIsAUsageErrorThatRunsNothing() throws Exception {
		JavaProcess.Run migrate = app(false).run("smalls", "migrate", "--to", " 2");
		assertThat(migrate.exitCode()).as(migrate.output()).isEqualTo(2);
		assertThat(migrate.output()).contains("Error: --to must be a whole number of 0 or more")
			.contains("digits alone, no sign, no spaces")
			.doesNotContain("applied");
	}

	@Test
	void aOneShotRunStartsNoWebServerNoJpaAndNoRunnerOfTheApplication() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			JavaProcess.Run run = app(true).property("server.port", String.valueOf(taken.getLocalPort()))
				.run("smalls", "migrate");
			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(run.output()).contains("Migrations are complete")
				.doesNotContain("JPA STARTED")
				.doesNotContain("APPLICATION RUNNER RAN");
		}
	}

	@Test
	void theSameApplicationStartedWithoutACommandStartsThemAll() throws Exception {
		// The counterpart of the test above: what the one-shot run leaves out is really there.
		JavaProcess.Run run = app(true).property("server.port", "0")
			.property("spring.main.web-application-type", "none")
			.property("spring.shell.interactive.enabled", "false")
			.run();
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("JPA STARTED").contains("APPLICATION RUNNER RAN");
	}

	@Test
	void aCommandAloneWithoutANameListsTheCommandsAndExitsWithAUsageError() throws Exception {
		JavaProcess.Run run = app(false).run("smalls");
		assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
		assertThat(run.output()).contains("Error: name a smalls command.").contains("smalls rollback <N>");
	}

	@Test
	void anApplicationWithoutADatabaseDriverSaysWhatToAddAndExitsWithAUsageError() throws Exception {
		JavaProcess.Run run = new JavaProcess().without(SPRING_SHELL)
			.without("h2-", "postgresql-", "mariadb-java-client-", "hsqldb-", "sqlite-jdbc-")
			.run("smalls", "status");
		assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
		assertThat(run.output()).contains("Error: smalls cannot run its commands in this application: ")
			.contains("Failed to configure a DataSource")
			.contains("What to do: ")
			.doesNotContain("\tat ");
	}

	@Test
	void anApplicationWithoutADataSourceSaysWhatToAddAndExitsWithAUsageError() throws Exception {
		JavaProcess.Run run = app(false)
			.property("spring.autoconfigure.exclude",
					"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
							+ "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
			.run("smalls", "status");
		assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
		assertThat(run.output()).contains("smalls cannot run 'smalls status' in this application: it has no DataSource.")
			.contains("Add spring-boot-starter-jdbc and a JDBC driver");
	}

	@Test
	void anH2FileOpenInAnotherProcessIsAShortMessageWithWhatToDo() throws Exception {
		try (Connection running = DriverManager.getConnection("jdbc:h2:file:" + this.database, "sa", "")) {
			JavaProcess.Run run = app(true).run("smalls", "status");
			assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
			assertThat(run.output()).contains("Error: smalls could not connect to the database: ")
				.contains("What to do: The H2 database file is open in another process")
				.contains(";AUTO_SERVER=TRUE")
				.doesNotContain("\tat ");
			assertThat(run.lines()).as(run.output()).isLessThan(6);
		}
	}

	@Test
	void anApplicationThatNeedsTheLockedDatabaseWhileStartingIsAShortMessageToo() throws Exception {
		try (Connection running = DriverManager.getConnection("jdbc:h2:file:" + this.database, "sa", "")) {
			JavaProcess.Run run = app(true).property("oneshot.test.connect-at-start", "true").run("smalls", "status");
			assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
			assertThat(run.output())
				.contains("Error: the application failed to start, so the smalls command did not run: ")
				.contains("What to do: The H2 database file is open in another process")
				.doesNotContain("\tat ");
			assertThat(run.lines()).as(run.output()).isLessThan(6);
		}
	}

	@Test
	void aDatabaseThatIsNotThereIsAShortMessageWithWhatToCheck() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		JavaProcess.Run run = new JavaProcess()
			.property("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + closed + "/nothing")
			.run("smalls", "status");
		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.output()).contains("Error: smalls could not connect to the database: ")
			.contains("refused")
			.contains("What to do: Check the database URL, user and password")
			.doesNotContain("\tat ");
		assertThat(run.lines()).as(run.output()).isLessThan(6);
	}

	@Test
	void aCommandThatWorksClosesTheApplicationAndTheRunReturnsWithoutSystemExit() throws Exception {
		JavaProcess.Run run = app(true).property("oneshot.test.announce-end", "true").run("smalls", "migrate");
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("Migrations are complete")
			.contains("APPLICATION CLOSED")
			.contains("MAIN RETURNED")
			.doesNotContain("EXIT CODE EVENT")
			.doesNotContain("APPLICATION RUNNER RAN");
	}

	@Test
	void aCommandThatDoesNotWorkEndsTheRunWithItsExitCodeThroughSpringBoot() throws Exception {
		JavaProcess.Run failed = app(false).property("oneshot.test.announce-end", "true")
			.property("oneshot.test.break", "true")
			.run("smalls", "migrate");
		assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
		assertThat(failed.output()).contains("Error: Migration 0003_add_city failed:")
			.contains("EXIT CODE EVENT 1")
			.contains("APPLICATION CLOSED")
			.doesNotContain("MAIN RETURNED")
			.doesNotContain("APPLICATION RUNNER RAN")
			.doesNotContain("Application run failed")
			.doesNotContain("\tat ");

		JavaProcess.Run typo = app(false).property("oneshot.test.announce-end", "true").run("smalls", "migrat");
		assertThat(typo.exitCode()).as(typo.output()).isEqualTo(2);
		assertThat(typo.output()).contains("Error: unknown command 'smalls migrat'")
			.contains("EXIT CODE EVENT 2")
			.doesNotContain("MAIN RETURNED")
			.doesNotContain("\tat ");
	}

	@Test
	void withOneShotRunsTurnedOffASmallsCommandLineStartsTheApplicationAsAnyOther() throws Exception {
		JavaProcess.Run run = app(false).property("smalls.one-shot.enabled", "false")
			.property("spring.main.web-application-type", "none")
			.run("smalls", "status");
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("JPA STARTED")
			.contains("APPLICATION RUNNER RAN")
			.doesNotContain("smalls status  ")
			.doesNotContain("Current sequence");
	}

}
