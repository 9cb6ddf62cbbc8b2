package dev.smalls.shell;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationState;
import dev.smalls.SmallsMigrator;
import dev.smalls.testapp.schema.InterruptedSchemaMigration;
import dev.smalls.testapp.schema.TagsMigrations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema migrations at the shell: their SQL, one interrupted part-way (as a killed process
 * leaves it on H2) and its repair, and one that must never be rolled back.
 */
@SpringBootTest(classes = ShellTestApplication.class,
		properties = { "spring.datasource.url=jdbc:h2:mem:shell-schema;DB_CLOSE_DELAY=-1", "shell.test.schema=true" })
class SmallsShellSchemaTests {

	@Autowired
	private ShellSession shell;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void threeOfFiveApplied() {
		this.jdbc.execute("DROP ALL OBJECTS");
		this.migrator.migrate(3);
	}

	@Test
	void sqlShowsTheStatementsASchemaMigrationWouldRunHere() throws Exception {
		ShellSession.Result result = this.shell.send("smalls sql 0004");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).containsIgnoringCase("CREATE TABLE tags").containsIgnoringCase("CREATE INDEX");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void sqlWithRollbackShowsTheStatementsOfItsRollback() throws Exception {
		ShellSession.Result result = this.shell.send("smalls sql 4 --rollback");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).containsIgnoringCase("DROP TABLE tags").doesNotContainIgnoringCase("CREATE TABLE");
	}

	@Test
	void statusShowsAnInterruptedMigrationAndTheRepairToRun() throws Exception {
		InterruptedSchemaMigration.leave(this.jdbc, TagsMigrations.ADD_TAGS, 1);
		ShellSession.Result result = this.shell.send("smalls status");
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).containsPattern("0004\\s+add_tags\\s+INTERRUPTED")
			.contains("0004_add_tags was interrupted part-way, and nothing else runs until it is repaired: "
					+ "smalls repair 0004");
	}

	@Test
	void migrateWhileAMigrationIsInterruptedFailsWithTheRepairToRun() throws Exception {
		InterruptedSchemaMigration.leave(this.jdbc, TagsMigrations.ADD_TAGS, 1);
		ShellSession.Result result = this.shell.send("smalls migrate");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("0004_add_tags was interrupted")
			.contains("What to do: Repair it first: smalls repair 0004. For a schema migration that undoes exactly "
					+ "the operations of it that took effect")
			.contains("Then run: smalls migrate");
		assertThat(this.migrator.status().current()).isEqualTo(3);
	}

	@Test
	void repairPrintsEachOperationUndoneAndSaysToMigrate() throws Exception {
		InterruptedSchemaMigration.leave(this.jdbc, TagsMigrations.ADD_TAGS, 2);
		ShellSession.Result result = this.shell.send("smalls repair 0004");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("2. addIndex").contains("1. createTable tags").contains("... undone")
			.contains("Repair is complete: nothing of 0004_add_tags is in effect any more, and it is pending.")
			.contains("To apply it, run: smalls migrate");
		assertThat(result.output().indexOf("2. addIndex")).isLessThan(result.output().indexOf("1. createTable"));
		assertThat(this.migrator.status().inState(MigrationState.INTERRUPTED)).isEmpty();
		assertThat(this.migrator.migrate().current()).isEqualTo(5);
	}

	@Test
	void repairWithNothingToRepairFailsSayingWhereInterruptedMigrationsShow() throws Exception {
		ShellSession.Result result = this.shell.send("smalls repair 3");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("Error: 0003 is not an interrupted migration")
			.contains("What to do: smalls status shows a migration that needs repair as INTERRUPTED.");
	}

	@Test
	void repairOfMigrationCodeChangedSinceItRanFailsAndRunsNothing() throws Exception {
		InterruptedSchemaMigration.leave(this.jdbc, TagsMigrations.ADD_TAGS, 1);
		this.jdbc.update("UPDATE smalls_history_interrupted SET fingerprint = 'what ran before'");
		ShellSession.Result result = this.shell.send("smalls repair 4");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("has changed since it was interrupted")
			.contains("With the code that ran restored, run: smalls repair 0004");
		assertThat(this.migrator.status().inState(MigrationState.INTERRUPTED)).hasSize(1);
	}

	@Test
	void repairWithoutASequenceIsAUsageError() throws Exception {
		ShellSession.Result result = this.shell.send("smalls repair");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.output()).contains("Name the interrupted migration by its sequence");
	}

	@Test
	void rollingBackAcrossAnIrreversibleMigrationFailsWithHowFarToGo() throws Exception {
		this.migrator.migrate();
		ShellSession.Result result = this.shell.send("smalls rollback 3");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("frozen tags are shared with other systems")
			.contains("What to do: Roll back no further than 0005: smalls rollback 0005 keeps it applied");
		assertThat(this.migrator.status().current()).isEqualTo(5);
	}

}
