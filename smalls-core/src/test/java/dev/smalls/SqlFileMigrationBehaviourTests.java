package dev.smalls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SQL-file migrations on each real database: beside migration beans in one sequence,
 * rolled back by their {@code U} files, refused where they cannot be, and checked for
 * edits; their Flyway checksum is the one real Flyway records.
 */
abstract class SqlFileMigrationBehaviourTests {

	@TempDir
	Path folder;

	protected DataSource dataSource;

	protected JdbcTemplate jdbc;

	protected abstract TestDatabase database();

	@BeforeEach
	void freshDatabase() {
		this.dataSource = database().createFreshDatabase().dataSource();
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	protected SmallsMigrator migrator(SmallsMigration... beans) {
		return migrator(Map.of(), beans);
	}

	protected SmallsMigrator migrator(Map<String, String> placeholders, SmallsMigration... beans) {
		return SmallsMigrator.builder(this.dataSource)
			.migrations(beans)
			.sqlLocations("filesystem:" + this.folder)
			.sqlPlaceholders(placeholders)
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

	protected void write(String file, String content) throws IOException {
		Files.writeString(this.folder.resolve(file), content, StandardCharsets.UTF_8);
	}

	protected boolean tableExists(String table) {
		try {
			this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private List<Integer> recordedSequences() {
		return this.jdbc.queryForList("SELECT sequence_no FROM smalls_history ORDER BY sequence_no", Integer.class);
	}

	@Test
	void sqlFilesApplyInSequenceOrderWithBeansBetweenThem() throws IOException {
		write("V1__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n"
				+ "INSERT INTO notes (id, body) VALUES (1, 'first; with a semicolon');\n");
		write("V3__add_author.sql", "ALTER TABLE notes ADD author VARCHAR(50);\nUPDATE notes SET author = 'ann';");
		SmallsMigration bean = SqlMigration.sql(2, "second_note", "INSERT INTO notes (id, body) VALUES (2, 'bean')",
				"DELETE FROM notes WHERE id = 2");
		MigrateResult result = migrator(bean).migrate();
		assertThat(result.applied()).extracting(MigrationExecution::displayName)
			.containsExactly("0001_create_notes", "0002_second_note", "0003_add_author");
		assertThat(this.jdbc.queryForList("SELECT body FROM notes ORDER BY id", String.class))
			.containsExactly("first; with a semicolon", "bean");
		assertThat(this.jdbc.queryForList("SELECT author FROM notes ORDER BY id", String.class))
			.containsExactly("ann", "ann");
		assertThat(migrator(bean).status().migrations()).extracting(MigrationInfo::state)
			.containsOnly(MigrationState.APPLIED);
	}

	@Test
	void rollbackRunsTheUFiles() throws IOException {
		write("V1__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);");
		write("U1__create_notes.sql", "DROP TABLE notes;");
		write("V2__create_tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);");
		write("U2__create_tags.sql", "DROP TABLE tags;");
		SmallsMigrator migrator = migrator();
		migrator.migrate();
		assertThat(migrator.rollback(1).rolledBack()).extracting(MigrationExecution::sequence).containsExactly(2);
		assertThat(tableExists("tags")).isFalse();
		assertThat(tableExists("notes")).isTrue();
		migrator.rollback(0);
		assertThat(tableExists("notes")).isFalse();
		assertThat(recordedSequences()).isEmpty();
	}

	@Test
	void rollbackAcrossAFileWithoutAUFileIsRefusedBeforeAnythingRunsNamingTheFileToAdd() throws IOException {
		write("V0001__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);");
		write("V0002__create_tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);");
		write("V0003__add_email.sql", "ALTER TABLE notes ADD email VARCHAR(100);");
		write("U0003__add_email.sql", "ALTER TABLE notes DROP COLUMN email;");
		SmallsMigrator migrator = migrator();
		migrator.migrate();
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollback(0))
			.withMessageContaining("0002_create_tags cannot be rolled back")
			.withMessageContaining("add U0002__create_tags.sql")
			.withMessageContaining("Nothing was rolled back")
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).isEqualTo(Problem.IRREVERSIBLE);
				assertThat(ex.getSequences()).containsExactly(2);
				assertThat(ex.getAction()).contains("Add U0002__create_tags.sql");
			});
		assertThat(recordedSequences()).containsExactly(1, 2, 3);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(email) FROM notes", Integer.class)).isZero();
		assertThat(migrator.rollback(2).rolledBack()).extracting(MigrationExecution::sequence).containsExactly(3);
	}

	@Test
	void aFileAndABeanWithTheSameSequenceAreRefusedNamingBoth() throws IOException {
		write("V1__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);");
		write("V02__create_tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);");
		write("V2__create_more_tags.sql", "CREATE TABLE more_tags (id INT PRIMARY KEY);");
		SmallsMigrator migrator = migrator(SqlMigration.table(1));
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(migrator::migrate)
			.withMessageContaining(SqlMigration.class.getName() + " and filesystem:" + this.folder
					+ "/V1__create_notes.sql both have sequence 0001")
			.withMessageContaining("filesystem:" + this.folder + "/V02__create_tags.sql and filesystem:" + this.folder
					+ "/V2__create_more_tags.sql both have sequence 0002")
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.INVALID_MIGRATIONS));
		assertThat(tableExists("notes")).isFalse();
	}

	@Test
	void aBadlyNamedFileIsRefusedWhenTheMigratorIsBuilt() throws IOException {
		write("V1.1__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);");
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(this::migrator)
			.withMessageContaining("V1.1__create_notes.sql has the version 1.1, which is not a whole number")
			.withMessageContaining("V1__create_notes.sql would come last");
	}

	@Test
	void anAppliedFileThatIsEditedIsEditedAndRefused() throws IOException {
		write("V1__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n");
		migrator().migrate();
		write("V1__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\r\n");
		assertThat(migrator().status().migrations()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.APPLIED);
		write("V1__create_notes.sql", "CREATE TABLE notes (id BIGINT PRIMARY KEY);\n");
		write("V2__create_tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);");
		SmallsMigrator edited = migrator();
		assertThat(edited.status().migrations()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.EDITED, MigrationState.PENDING);
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(edited::migrate)
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.EDITED_MIGRATION));
		assertThat(tableExists("tags")).isFalse();
	}

	@Test
	void placeholdersAreReplacedWithTheirValues() throws IOException {
		write("V1__create_notes.sql", "CREATE TABLE ${prefix}_notes (id INT PRIMARY KEY, owner VARCHAR(20) "
				+ "DEFAULT '${owner}');\nINSERT INTO ${prefix}_notes (id) VALUES (1);");
		migrator(Map.of("prefix", "app", "owner", "ann")).migrate();
		assertThat(this.jdbc.queryForObject("SELECT owner FROM app_notes", String.class)).isEqualTo("ann");
	}

	@Test
	void sqlShowsTheFilesStatements() throws IOException {
		write("V1__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\nINSERT INTO notes VALUES (1);");
		write("U1__create_notes.sql", "DROP TABLE notes;");
		write("V2__create_tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);");
		SmallsMigrator migrator = migrator();
		SqlPreview preview = migrator.sql(1, false);
		assertThat(preview.previewable()).isTrue();
		assertThat(preview.lines()).containsExactly("-- filesystem:" + this.folder + "/V1__create_notes.sql",
				"CREATE TABLE notes (id INT PRIMARY KEY);", "INSERT INTO notes VALUES (1);");
		assertThat(migrator.sql(1, true).lines()).endsWith("DROP TABLE notes;");
		assertThat(migrator.sql(2, true).lines()).singleElement()
			.asString()
			.contains("cannot be rolled back")
			.contains("add U2__create_tags.sql");
	}

	@Test
	void planShowsTheStatementsOfPendingFilesAndKeepsNothing() throws IOException {
		write("V1__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\nINSERT INTO notes VALUES (1);");
		write("V2__index_notes.sql", "-- smalls:no-transaction\nCREATE INDEX notes_id ON notes (id);");
		MigrationPlan plan = migrator().plan();
		assertThat(plan.migrations()).extracting(PlannedMigration::outcome)
			.containsExactly(PlannedMigration.Outcome.RAN, PlannedMigration.Outcome.SHOWN);
		assertThat(String.join("\n", plan.migrations().get(0).statements())).contains("CREATE TABLE notes")
			.contains("INSERT INTO notes VALUES (1)");
		assertThat(plan.migrations().get(1).statements()).containsExactly("-- smalls:no-transaction\n"
				+ "CREATE INDEX notes_id ON notes (id)");
		assertThat(tableExists("notes")).isFalse();
	}

	@Test
	void theFlywayChecksumIsTheOneFlywayRecords() throws IOException {
		write("V1__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n");
		write("V2__crlf_and_bom.sql", "\uFEFF-- written on Windows, é\r\nCREATE TABLE tags (id INT PRIMARY KEY);\r\n"
				+ "INSERT INTO tags VALUES (1);\r\n");
		write("V3__no_final_newline.sql", "CREATE TABLE more_tags (id INT PRIMARY KEY);\n\n\nDROP TABLE more_tags;");
		DataSource flywayDatabase = database().createFreshDatabase().dataSource();
		Flyway flyway = Flyway.configure().dataSource(flywayDatabase).locations("filesystem:" + this.folder).load();
		flyway.migrate();
		// What Flyway recorded in its history table, read back by Flyway itself.
		List<Integer> recorded = Arrays.stream(flyway.info().applied())
			.map(org.flywaydb.core.api.MigrationInfo::getChecksum)
			.toList();
		List<Integer> ours = SqlFileMigrations
			.load(List.of("filesystem:" + this.folder), Map.of(), new org.springframework.core.io.DefaultResourceLoader())
			.stream()
			.map(SqlFileMigration::flywayChecksum)
			.toList();
		assertThat(recorded).hasSize(3);
		assertThat(ours).isEqualTo(recorded);
	}

}
