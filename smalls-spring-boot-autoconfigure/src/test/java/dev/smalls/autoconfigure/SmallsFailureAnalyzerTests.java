package dev.smalls.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationExecution;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.testsupport.BlockingRun;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The "APPLICATION FAILED TO START" report Spring Boot prints for each way smalls can stop a
 * start-up: real applications that fail, and the report as it appears in their output.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmallsFailureAnalyzerTests {

	@Test
	void aPendingMigrationBelowTheCurrentSequenceAdvisesTheOutOfOrderProperty(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			SmallsMigrator.builder(db.dataSource()).migrations(SqlMigration.table(2)).build().migrate();
			failToStart(db, TwoTables.class);
			Report report = Report.of(output);
			assertThat(report.description()).contains("0001_create_t1 is pending but 0002 is already applied");
			assertThat(report.action())
				.isEqualTo("Renumber 0001 above the current sequence, or set smalls.out-of-order=true to apply it anyway.");
		}
	}

	@Test
	void aTargetBelowTheCurrentSequenceAdvisesRaisingIt(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			SmallsMigrator.builder(db.dataSource()).migrations(SqlMigration.table(1), SqlMigration.table(2)).build().migrate();
			failToStart(db, TwoTables.class, "smalls.target=1");
			Report report = Report.of(output);
			assertThat(report.description()).contains("Cannot migrate to 0001: the current sequence is already 0002");
			assertThat(report.action()).startsWith("Start-up only migrates forward: raise smalls.target")
				.contains("roll back to it (POST /actuator/smalls/rollback or 'smalls rollback' in the shell)");
		}
	}

	@Test
	void aNegativeTargetAdvisesFixingTheProperty(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			failToStart(db, TwoTables.class, "smalls.target=-1");
			assertThat(Report.of(output).action())
				.isEqualTo("Set smalls.target to a sequence of 0 or more, or remove it to apply everything on start-up.");
		}
	}

	@Test
	void inconsistentMigrationsNameTheBeansToFix(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			failToStart(db, DuplicateSequence.class);
			Report report = Report.of(output);
			assertThat(report.description()).contains("both have sequence 0001");
			assertThat(report.action()).startsWith("Give every SmallsMigration bean a sequence of its own")
				.contains("'createUsers' (" + CreateUsers.class.getName() + ", defined in ")
				.contains("'createPeople' (" + CreatePeople.class.getName() + ", defined in ")
				.contains(DuplicateSequence.class.getName());
		}
	}

	@Test
	void aFailedMigrationThatLeftNothingBehindAdvisesFixingItAndRestarting(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			failToStart(db, BrokenMigration.class);
			Report report = Report.of(output);
			assertThat(report.description()).contains("Migration 0001_broken failed:")
				.contains("Its transaction was rolled back: nothing of it is left.");
			assertThat(report.action())
				.isEqualTo("Fix 0001_broken and start the application again: smalls applies what is pending on start-up.");
		}
	}

	@Test
	void aFailedMigrationThatMayHaveLeftDdlBehindAdvisesCheckingTheSchema(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			failToStart(db, BrokenMigration.class);
			Report report = Report.of(output);
			assertThat(report.description()).contains("DDL, which H2 commits at once").contains("marked as interrupted");
			assertThat(report.action()).isEqualTo("Check the database for what 0001_broken did before it failed and "
					+ "undo that by hand; then repair it ('smalls repair 0001', or POST {\"sequence\": 1} to "
					+ "/actuator/smalls/repair), which forgets the interruption; fix 0001_broken and start the "
					+ "application again.");
		}
	}

	@Test
	void aCommitWhoseOutcomeIsUnknownAdvisesCheckingTheStatus(CapturedOutput output) {
		// Only a connection lost during the commit makes the engine report UNKNOWN; a
		// strategy throws that report here, as the engine would.
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			failToStart(db, CommitLost.class);
			assertThat(Report.of(output).action()).isEqualTo("Once the database is reachable, see whether "
					+ "0001_create_t1 is applied (GET /actuator/smalls, or 'smalls status' in the shell), then start the "
					+ "application again.");
		}
	}

	@Test
	void rollingBackAMissingMigrationAdvisesRestoringItsBean(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			SmallsMigrator.builder(db.dataSource()).migrations(SqlMigration.table(5)).build().migrate();
			failToStart(db, RollBackEverything.class);
			Report report = Report.of(output);
			assertThat(report.description()).contains("0005_create_t5 is recorded as applied, but the code has no "
					+ "migration with that sequence");
			assertThat(report.action()).isEqualTo("Restore the SmallsMigration bean for 0005 with its rollback, or "
					+ "have the SmallsMigrationStrategy roll back less.");
		}
	}

	@Test
	void aLockHeldTooLongAdvisesTheLockTimeout(CapturedOutput output) throws Exception {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			SmallsMigrator.builder(db.dataSource()).migrations(SqlMigration.table(1)).build().migrate();
			try (BlockingRun run = BlockingRun.start(db.dataSource(), 7)) {
				failToStart(db, TwoTables.class, "smalls.lock-timeout=200ms");
			}
			Report report = Report.of(output);
			assertThat(report.description()).contains("Another instance has held the smalls migration lock");
			assertThat(report.action()).startsWith("Wait for the other instance to finish migrating and start again, or "
					+ "raise smalls.lock-timeout (now 200ms).");
		}
	}

	@Test
	void migrationCredentialsThatDoNotWorkAdviseTheProperties(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			new JdbcTemplate(db.dataSource()).execute("SELECT 1");
			failToStart(db, TwoTables.class, "smalls.user=sa", "smalls.password=wrong");
			Report report = Report.of(output);
			assertThat(report.description()).contains("smalls could not connect to the database")
				.contains("Wrong user name or password");
			assertThat(report.action()).isEqualTo("Check that the database is up and that smalls.url, smalls.user and "
					+ "smalls.password are right: smalls migrates with them.");
		}
	}

	@Test
	void anEditedMigrationAdvisesCheckingItThenAcceptingOrRestoringIt(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			SmallsMigrator.builder(db.dataSource()).migrations(new Versioned("v1")).build().migrate();
			failToStart(db, EditedNotes.class);
			Report report = Report.of(output);
			assertThat(report.description()).contains("0001_create_notes was edited after it was applied")
				.contains("Nothing was run");
			assertThat(report.action()).startsWith("Check what changed in 0001 since it was applied.")
				.contains("'smalls repair --accept 0001' as a one-shot run")
				.contains("POST {\"sequence\": 1} to /actuator/smalls/accept")
				.contains("set smalls.edited-migrations=warn");
		}
	}

	@Test
	void aLintProblemWithTheModeSetToFailStopsTheStartUpWithTheSafeWays(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			new org.springframework.jdbc.core.JdbcTemplate(db.dataSource())
				.execute("CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(100))");
			failToStart(db, DropEmail.class, "smalls.lint.mode=fail", "smalls.lint.mapped=people,people.email");
			Report report = Report.of(output);
			assertThat(report.description()).contains("error [mapped-column-dropped] 0001_drop_email")
				.contains("Nothing was run");
			assertThat(report.action()).contains("acknowledge it in the migration with a reason")
				.contains("'smalls lint' as a one-shot run")
				.contains("set smalls.lint.mode=warn");
			assertThat(new org.springframework.jdbc.core.JdbcTemplate(db.dataSource())
				.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE COLUMN_NAME = 'EMAIL'",
						Integer.class)).isEqualTo(1);
		}
	}

	@Test
	void anApplicationSetToWarnStartsPastAnEditedMigrationAndSaysSo(CapturedOutput output) {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			SmallsMigrator.builder(db.dataSource()).migrations(new Versioned("v1")).build().migrate();
			List<String> args = new ArrayList<>();
			for (String property : db.springProperties()) {
				args.add("--" + property);
			}
			args.add("--smalls.enabled=true");
			args.add("--smalls.edited-migrations=warn");
			new SpringApplicationBuilder(Smalls.class, EditedNotes.class).web(WebApplicationType.NONE)
				.logStartupInfo(false)
				.run(args.toArray(new String[0]))
				.close();
			assertThat(output.getAll()).contains("0001_create_notes was edited after it was applied")
				.contains("smalls goes on, as it is set to only warn");
		}
	}

	private static void failToStart(FreshDatabase db, Class<?> migrations, String... properties) {
		List<String> args = new ArrayList<>();
		for (String property : db.springProperties()) {
			args.add("--" + property);
		}
		args.add("--smalls.enabled=true");
		for (String property : properties) {
			args.add("--" + property);
		}
		SpringApplicationBuilder application = new SpringApplicationBuilder(Smalls.class, migrations)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false);
		assertThatException().isThrownBy(() -> application.run(args.toArray(new String[0])).close());
	}

	/**
	 * The two sections of the report in the captured output.
	 */
	record Report(String description, String action) {

		static Report of(CapturedOutput output) {
			String text = output.getAll();
			int start = text.lastIndexOf("APPLICATION FAILED TO START");
			assertThat(start).as("a failure report in:\n" + text).isNotNegative();
			String report = text.substring(start);
			int description = report.indexOf("Description:") + "Description:".length();
			int action = report.indexOf("Action:");
			return new Report(report.substring(description, action).strip(),
					report.substring(action + "Action:".length()).strip());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
			SmallsAutoConfiguration.class })
	static class Smalls {

	}

	@Configuration(proxyBeanMethods = false)
	static class DropEmail {

		@Bean
		SmallsMigration dropEmail() {
			return new dev.smalls.schema.SchemaMigration() {

				@Override
				public int sequence() {
					return 1;
				}

				@Override
				public String name() {
					return "drop_email";
				}

				@Override
				public void change(dev.smalls.schema.Schema schema) {
					schema.dropColumn("people", "email", dev.smalls.schema.ColumnType.varchar(100));
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EditedNotes {

		@Bean
		SmallsMigration notes() {
			return new Versioned("v2");
		}

	}

	/** A migration that declares its checksum: a version its author bumps with every edit. */
	static class Versioned implements SmallsMigration {

		private final String version;

		Versioned(String version) {
			this.version = version;
		}

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public String name() {
			return "create_notes";
		}

		@Override
		public String checksum() {
			return this.version;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("CREATE TABLE notes (id INT)");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("DROP TABLE notes");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoTables {

		@Bean
		SmallsMigration one() {
			return SqlMigration.table(1);
		}

		@Bean
		SmallsMigration two() {
			return SqlMigration.table(2);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateSequence {

		@Bean
		CreateUsers createUsers() {
			return new CreateUsers();
		}

		@Bean
		CreatePeople createPeople() {
			return new CreatePeople();
		}

		@Bean
		SmallsMigration two() {
			return SqlMigration.table(2);
		}

	}

	static class CreateUsers implements SmallsMigration {

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("CREATE TABLE users (id INT)");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("DROP TABLE users");
		}

	}

	static class CreatePeople implements SmallsMigration {

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("CREATE TABLE people (id INT)");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("DROP TABLE people");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenMigration {

		@Bean
		SmallsMigration broken() {
			// DDL first, which H2 commits at once, then a failure.
			return new SqlMigration(1, "broken", (jdbc) -> {
				jdbc.execute("CREATE TABLE half_done (id INT)");
				jdbc.execute("INSERT INTO no_such_table VALUES (1)");
			}, (jdbc) -> {
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CommitLost {

		@Bean
		SmallsMigrationStrategy commitLost() {
			return (migrator) -> {
				throw new SmallsMigrationException("The connection failed while 0001_create_t1 was being committed.",
						"Run status once the database is reachable.", new IllegalStateException("connection reset"),
						Operation.MIGRATE, 1, "create_t1", List.<MigrationExecution>of(), 0, Outcome.UNKNOWN);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RollBackEverything {

		@Bean
		SmallsMigration one() {
			return SqlMigration.table(1);
		}

		@Bean
		SmallsMigrationStrategy rollBackEverything() {
			return (migrator) -> migrator.rollback(0);
		}

	}

}
