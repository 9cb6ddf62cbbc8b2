package dev.smalls.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.lock.LockRequest;
import dev.smalls.dialect.lock.MigrationLock;
import dev.smalls.testsupport.Locking;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each command typed into the shell: parsed by the shell, run by the shell, output and exit
 * status read back.
 */
@ShellSessionTest
class SmallsShellCommandsTests {

	private static final Path CREATED = Path.of("target/shell-tests/created");

	@Autowired
	private ShellSession shell;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	@BeforeEach
	void emptyDatabaseAndFolder() throws Exception {
		this.jdbc.execute("DROP ALL OBJECTS");
		if (Files.exists(CREATED)) {
			try (Stream<Path> files = Files.walk(CREATED)) {
				files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
		Files.createDirectories(CREATED);
	}

	private String send(String command) throws Exception {
		ShellSession.Result result = this.shell.send(command);
		return result.output();
	}

	@Test
	void statusShowsATableOfEveryMigrationAndTheCurrentSequence() throws Exception {
		this.migrator.migrate(1);
		String output = send("smalls status");
		assertThat(output).startsWith("smalls status  ")
			.containsPattern("0001\\s+create_people\\s+APPLIED\\s+1\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d")
			.containsPattern("0002\\s+add_age\\s+PENDING")
			.contains("Current sequence: 0001, 2 pending");
	}

	@Test
	void statusWithAStrayArgumentIsAUsageError() throws Exception {
		ShellSession.Result result = this.shell.send("smalls status extra");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("Error: smalls status takes no arguments, but got 'extra' as well.")
			.contains("Usage: smalls status")
			.doesNotContain("Current sequence");
	}

	@Test
	void migrateAppliesEachMigrationWithItsDurationAndSaysWhenComplete() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).containsPattern("0001_create_people \\.\\.\\. applied \\(\\d+ ms\\)")
			.contains("0003_add_city ... applied")
			.contains("Migrations are complete: batch 1, current sequence 0003.");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void migrateToStopsAtTheTarget() throws Exception {
		assertThat(send("smalls migrate --to 0002")).contains("0002_add_age ... applied").doesNotContain("0003");
		assertThat(this.migrator.status().current()).isEqualTo(2);
	}

	@Test
	void migrateToWithAnEqualsSignWorksAlike() throws Exception {
		assertThat(send("smalls migrate --to=2")).contains("0002_add_age ... applied").doesNotContain("0003");
		assertThat(this.migrator.status().current()).isEqualTo(2);
	}

	@Test
	void migrateToWithoutAValueIsAUsageErrorAndMigratesNothing() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate --to");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("Error: --to needs a value");
		assertThat(this.migrator.status().current()).isZero();
	}

	@Test
	void migrateWithNothingPendingSaysSo() throws Exception {
		this.migrator.migrate();
		assertThat(send("smalls migrate")).contains("Nothing to migrate: the database is at 0003.");
	}

	@Test
	void statusNamesAMigrationFileThatIsWrittenButNotBuiltAndSaysToBuildTheApplication() throws Exception {
		send("smalls create add email to people");
		String output = send("smalls status");
		assertThat(output).contains("Current sequence: 0000, 3 pending")
			.contains("M0004AddEmailToPeople.java in " + CREATED.toAbsolutePath().normalize()
					+ " is written but not built, so smalls does not list it: build the application, then run: "
					+ "smalls migrate");
	}

	@Test
	void migrateNamesAMigrationFileThatIsWrittenButNotBuiltAndSaysToBuildTheApplication() throws Exception {
		send("smalls create add email to people");
		String output = send("smalls migrate");
		assertThat(output).contains("Migrations are complete: batch 1, current sequence 0003.")
			.contains("M0004AddEmailToPeople.java in " + CREATED.toAbsolutePath().normalize()
					+ " is written but not built, so smalls did not apply it: build the application, then run: "
					+ "smalls migrate");
	}

	@Test
	void helpPrintsTheUsageAndRunsNothing() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate --help");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("Usage: smalls migrate [--to N]");
		assertThat(this.migrator.status().current()).isZero();
	}

	@Test
	void rollbackToAZeroPaddedTargetKeepsTheTarget() throws Exception {
		this.migrator.migrate();
		String output = send("smalls rollback 0001");
		assertThat(output).contains("0003_add_city ... rolled back").contains("0002_add_age ... rolled back")
			.contains("Rollback is complete: current sequence 0001.");
		assertThat(output.indexOf("0003_add_city")).isLessThan(output.indexOf("0002_add_age"));
		assertThat(this.migrator.status().current()).isEqualTo(1);
	}

	@Test
	void rollbackToZeroRollsBackEverything() throws Exception {
		this.migrator.migrate();
		assertThat(send("smalls rollback 0000")).contains("current sequence 0000");
		assertThat(this.migrator.status().current()).isZero();
	}

	@Test
	void rollbackBatchesRollsBackTheLatestRuns() throws Exception {
		this.migrator.migrate(1);
		this.migrator.migrate();
		assertThat(send("smalls rollback --batches 1")).contains("0003_add_city ... rolled back")
			.contains("0002_add_age ... rolled back")
			.doesNotContain("0001_create_people ... rolled back");
		assertThat(this.migrator.status().current()).isEqualTo(1);
	}

	@Test
	void rollbackOfZeroBatchesIsAUsageErrorAndRollsBackNothing() throws Exception {
		this.migrator.migrate();
		ShellSession.Result result = this.shell.send("smalls rollback --batches 0");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("Error: --batches must be a whole number of 1 or more");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void rollbackWithoutATargetExplainsItsUsage() throws Exception {
		this.migrator.migrate();
		ShellSession.Result result = this.shell.send("smalls rollback");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("Error: Give exactly one of a target sequence")
			.contains("Usage: smalls rollback <N> | smalls rollback --batches K");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void rollbackWithTwoTargetsIsAUsageError() throws Exception {
		this.migrator.migrate();
		ShellSession.Result result = this.shell.send("smalls rollback 1 0");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("takes one argument, but got '0' as well");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void rollbackToANonNumberIsAUsageError() throws Exception {
		this.migrator.migrate();
		ShellSession.Result result = this.shell.send("smalls rollback two");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output())
			.contains("The target must be a whole number of 0 or more, such as 2 or 0002, not 'two'");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void rollbackToANegativeNumberIsAUsageError() throws Exception {
		this.migrator.migrate();
		ShellSession.Result result = this.shell.send("smalls rollback -1");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("not '-1'");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "smalls rollback ' 0'", "smalls rollback '0 '", "smalls rollback --batches ' 1'",
			"smalls rollback --batches=+1", "smalls migrate --to ' 2'", "smalls migrate --to=' 2 '",
			"smalls migrate --to '2\t'", "smalls sql ' 1'", "smalls repair ' 1'" })
	void aNumberWithASignOrSpacesIsAUsageErrorAndChangesNothing(String command) throws Exception {
		this.migrator.migrate(1);
		ShellSession.Result result = this.shell.send(command);
		assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
		assertThat(result.output()).contains("must be a whole number of")
			.contains("digits alone, no sign, no spaces")
			.contains("Usage: ");
		assertThat(this.migrator.status().current()).isEqualTo(1);
	}

	@Test
	void rollbackAboveTheCurrentSequenceSaysWhatToDoWithoutAStackTrace() throws Exception {
		this.migrator.migrate(1);
		ShellSession.Result result = this.shell.send("smalls rollback 0002");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("Error: Cannot roll back to 0002: the current sequence is 0001")
			.contains("What to do: ")
			.doesNotContain("\tat ")
			.doesNotContain("Exception");
	}

	@Test
	void historyListsAppliedMigrationsNewestFirst() throws Exception {
		this.migrator.migrate(1);
		this.migrator.migrate();
		String output = send("smalls history");
		assertThat(output).containsPattern("2\\s+0003_add_city").containsPattern("1\\s+0001_create_people");
		assertThat(output.indexOf("0003_add_city")).isLessThan(output.indexOf("0002_add_age"));
		assertThat(output.indexOf("0002_add_age")).isLessThan(output.indexOf("0001_create_people"));
	}

	@Test
	void seedRunsTheSeederBeans() throws Exception {
		this.migrator.migrate();
		assertThat(send("smalls seed")).contains("ShellTestApplication").contains("Seed is complete.");
		assertThat(this.jdbc.queryForObject("SELECT name FROM people WHERE id = 1", String.class)).isEqualTo("Ada");
	}

	@Test
	void seedWithAValueForItsFlagIsAUsageError() throws Exception {
		this.migrator.migrate();
		ShellSession.Result result = this.shell.send("smalls seed --force yes");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM people", Integer.class)).isZero();
	}

	@Test
	void initWithNothingToRunSaysSo() throws Exception {
		assertThat(send("smalls init")).contains("Init: nothing to run");
	}

	@Test
	void anUnknownOptionIsRefusedRatherThanIgnored() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate --dry-run true");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("Error: Unknown option '--dry-run'; smalls migrate takes --to, --tenant, --all-tenants, --data.");
		assertThat(this.migrator.status().current()).isZero();
	}

	@Test
	void aSpringPropertyAfterTheCommandIsRefusedWithWhereItBelongs() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate --smalls.out-of-order=true");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("Spring properties go before the command");
		assertThat(this.migrator.status().current()).isZero();
	}

	@Test
	void anUnknownSmallsCommandListsTheOnesThereAre() throws Exception {
		assertThat(send("smalls rolback 1")).contains("smalls rollback").contains("smalls migrate");
		assertThat(this.migrator.status().current()).isZero();
	}

	@Test
	void createWritesTheNextNumberedMigrationFile() throws Exception {
		this.migrator.migrate();
		ShellSession.Result result = this.shell.send("smalls create add email to people");
		Path file = CREATED.resolve("M0004AddEmailToPeople.java");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("Created 0004_add_email_to_people in " + file.toAbsolutePath());
		assertThat(Files.readString(file)).contains("package com.example.migrations;")
			.contains("public class M0004AddEmailToPeople implements SchemaMigration")
			.contains("return 4;")
			.contains("return \"add_email_to_people\";");
		assertThat(send("smalls create then another")).contains("0005_then_another");
	}

	@Test
	void createWithSqlWritesMigrateAndRollbackOnAJdbcTemplate() throws Exception {
		ShellSession.Result result = this.shell.send("smalls create --sql add email to people");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("Fill in migrate and rollback");
		assertThat(Files.readString(CREATED.resolve("M0004AddEmailToPeople.java")))
			.contains("public class M0004AddEmailToPeople implements SmallsMigration")
			.contains("public void migrate(JdbcTemplate jdbc)");
	}

	@Test
	void createSaysHowToSeeTheSqlOfTheSchemaMigrationItWrote() throws Exception {
		assertThat(send("smalls create add tags")).contains("see its SQL with smalls sql 0004");
	}

	@Test
	void lockSaysTheLockIsFreeAndItsStrategy() throws Exception {
		ShellSession.Result result = this.shell.send("smalls lock");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("The migration lock is free.").contains("Lock strategy: auto");
	}

	@Test
	void lockSaysAnotherInstanceHoldsItAndIsNotAFailure() throws Exception {
		// A database smalls ran on before: on a fresh H2 database the engine's probe reports a
		// held lock as free (an engine defect, reported to the lead).
		this.migrator.migrate(1);
		try (Connection other = this.dataSource.getConnection()) {
			MigrationLock lock = Locking.take(LockStrategy.AUTO,
					Locking.request(other, this.dataSource, this.migrator.getTable(), Duration.ofSeconds(5),
							LockRequest.DEFAULT_LEASE));
			assertThat(lock).isNotNull();
			try {
				ShellSession.Result result = this.shell.send("smalls lock");
				assertThat(result.exitCode()).isZero();
				assertThat(result.output()).contains("The migration lock is held by")
					.contains("A migrate or rollback now waits for it");
			}
			finally {
				lock.close();
			}
		}
	}

	@Test
	void sqlOfAMigrationOfCodeSaysItCannotBeShownWithoutRunningIt() throws Exception {
		ShellSession.Result result = this.shell.send("smalls sql 1");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("-- 0001_create_people is Java code, not schema operations");
	}

	@Test
	void sqlOfASequenceTheCodeDoesNotHaveIsAUsageError() throws Exception {
		ShellSession.Result result = this.shell.send("smalls sql 9");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("Error: The code has no migration 0009.").contains("Usage: smalls sql");
	}

	@Test
	void aTenantOptionIsAUsageErrorWhenNoTenantsAreConfigured() throws Exception {
		ShellSession.Result result = this.shell.send("smalls status --tenant acme");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("--tenant needs tenants, and none are configured in this application")
			.contains("smalls.tenants.schemas");
	}

	@Test
	void allTenantsIsAUsageErrorWhenNoTenantsAreConfigured() throws Exception {
		ShellSession.Result result = this.shell.send("smalls migrate --all-tenants");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("--all-tenants needs tenants");
		assertThat(this.migrator.status().current()).isZero();
	}

	@Test
	void createKeepsAQuotedDescriptionTogether() throws Exception {
		assertThat(send("smalls create \"add email\" 'to people'")).contains("0004_add_email_to_people");
	}

	@Test
	void createWithADescriptionOfDigitsKeepsThemOutOfTheSequence() throws Exception {
		this.migrator.migrate();
		assertThat(send("smalls create 123")).contains("Created 0004_123 in ");
		assertThat(CREATED.resolve("M0004_123.java")).exists();
		assertThat(send("smalls create 2024 cleanup")).contains("Created 0005_2024_cleanup in ");
		assertThat(CREATED.resolve("M0005_2024Cleanup.java")).exists();
		assertThat(send("smalls create then more")).contains("Created 0006_then_more in ");
	}

	@Test
	void createSpellsAccentedLettersInAscii() throws Exception {
		this.migrator.migrate();
		assertThat(send("smalls create añadir columna")).contains("Created 0004_anadir_columna in ");
		assertThat(CREATED.resolve("M0004AnadirColumna.java")).exists();
	}

	@Test
	void createRefusesLettersWithoutAnAsciiSpellingAndWritesNothing() throws Exception {
		ShellSession.Result result = this.shell.send("smalls create добавить колонку");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("letters smalls cannot spell in ASCII").contains("Nothing was written");
		try (Stream<Path> files = Files.list(CREATED)) {
			assertThat(files).isEmpty();
		}
	}

}
