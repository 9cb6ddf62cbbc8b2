package dev.smalls.commands;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An applied migration edited since: status shows it, migrate refuses it with what to do,
 * {@code repair --accept} records its new checksum and changes nothing else.
 */
class EditedMigrationCommandTests {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:edited-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private ByteArrayOutputStream output = new ByteArrayOutputStream();

	private int run(SmallsMigrator migrator, String... words) {
		this.output = new ByteArrayOutputStream();
		return SmallsCommandRunner.forMigrator(migrator).build().run(List.of(words), this.output);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	@Test
	void statusShowsAnEditedMigrationMigrateRefusesItAndRepairAcceptRecordsItsChecksum() {
		assertThat(run(migrator(notes("v1")), "migrate")).as(output()).isZero();
		String recorded = checksum();
		SmallsMigrator edited = migrator(notes("v2"), tags());

		assertThat(run(edited, "status")).as(output()).isZero();
		assertThat(output()).containsPattern("0001\\s+create_notes\\s+EDITED")
			.contains("0001_create_notes was edited after it was applied")
			.contains("smalls repair --accept 0001");

		assertThat(run(edited, "migrate")).as(output()).isEqualTo(SmallsCommand.FAILURE);
		assertThat(output()).contains("Error: 0001_create_notes was edited after it was applied")
			.contains("What to do: Check what changed in 0001")
			.contains("smalls repair --accept 0001 (then smalls migrate again)");
		assertThat(this.jdbc.queryForList("SELECT sequence_no FROM smalls_history", Integer.class)).containsExactly(1);

		assertThat(run(edited, "repair", "--accept", "1")).as(output()).isZero();
		assertThat(output()).contains("Recorded the checksum of 0001_create_notes as its code gives it now (own:")
			.contains("Nothing ran");
		assertThat(checksum()).isNotEqualTo(recorded).startsWith("own:");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM notes", Integer.class)).isEqualTo(1);

		assertThat(run(edited, "migrate")).as(output()).isZero();
		assertThat(output()).contains("0002_create_tags ... applied");
	}

	@Test
	void acceptingAMigrationThatIsNotAppliedFailsAndChangesNothing() {
		assertThat(run(migrator(notes("v1")), "migrate")).as(output()).isZero();
		assertThat(run(migrator(notes("v1"), tags()), "repair", "--accept", "2")).as(output())
			.isEqualTo(SmallsCommand.FAILURE);
		assertThat(output()).contains("0002_create_tags is not applied").contains("Nothing was changed");
	}

	private String checksum() {
		return this.jdbc.queryForObject("SELECT checksum FROM smalls_history WHERE sequence_no = 1", String.class);
	}

	private SmallsMigrator migrator(SmallsMigration... migrations) {
		return SmallsMigrator.builder(this.dataSource).migrations(migrations).build();
	}

	private static SmallsMigration notes(String checksum) {
		return TestMigration.sql(1, "create_notes", checksum, "CREATE TABLE notes (id INT PRIMARY KEY); "
				+ "INSERT INTO notes VALUES (1)", "DROP TABLE notes");
	}

	private static SmallsMigration tags() {
		return TestMigration.sql(2, "create_tags", "t1", "CREATE TABLE tags (id INT PRIMARY KEY)",
				"DROP TABLE tags");
	}

}
