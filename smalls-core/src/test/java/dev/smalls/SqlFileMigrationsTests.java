package dev.smalls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import dev.smalls.SmallsValidationException.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@link SqlFileMigrations} finds and reads SQL files, and refuses the ones it cannot
 * run, without a database.
 */
class SqlFileMigrationsTests {

	@TempDir
	Path folder;

	private List<SqlFileMigration> load() {
		return load(Map.of());
	}

	private List<SqlFileMigration> load(Map<String, String> placeholders) {
		return SqlFileMigrations.load(List.of("file:" + this.folder), placeholders, new DefaultResourceLoader());
	}

	private void write(String file, String content) throws IOException {
		Path path = this.folder.resolve(file);
		Files.createDirectories(path.getParent());
		Files.writeString(path, content, StandardCharsets.UTF_8);
	}

	private SmallsValidationException refusal() {
		return org.assertj.core.api.Assertions.catchThrowableOfType(SmallsValidationException.class, this::load);
	}

	@Test
	void versionedFilesAreMigrationsInSequenceOrderWithTheirRollbacks() throws IOException {
		write("V0002__Add_Email.sql", "ALTER TABLE users ADD email VARCHAR(100);");
		write("V1__create_users.sql", "CREATE TABLE users (id INT);\nINSERT INTO users VALUES (1);\n");
		write("U1__create_users.sql", "DROP TABLE users;");
		write("sub/V10__in a folder.sql", "SELECT 1");
		List<SqlFileMigration> migrations = load();
		assertThat(migrations).extracting(SqlFileMigration::sequence).containsExactly(1, 2, 10);
		assertThat(migrations).extracting(SqlFileMigration::name)
			.containsExactly("create_users", "add_email", "in_a_folder");
		SqlFileMigration first = migrations.get(0);
		assertThat(first.statements()).containsExactly("CREATE TABLE users (id INT)", "INSERT INTO users VALUES (1)");
		assertThat(first.rollbackStatements()).containsExactly("DROP TABLE users");
		assertThat(first.location()).isEqualTo("file:" + this.folder + "/V1__create_users.sql");
		assertThat(first.rollbackLocation()).isEqualTo("file:" + this.folder + "/U1__create_users.sql");
		assertThat(first.irreversibleReason()).isNull();
		assertThat(first.transactional()).isTrue();
		assertThat(first.description()).isEqualTo("create users");
		assertThat(migrations.get(1).script()).isEqualTo("V0002__Add_Email.sql");
		assertThat(migrations.get(1).rollbackLocation()).isNull();
		assertThat(migrations.get(1).irreversibleReason()).contains("add U0002__Add_Email.sql");
		assertThat(migrations.get(2).script()).isEqualTo("sub/V10__in a folder.sql");
	}

	@Test
	void filesystemAndClasspathLocationsAreFound() throws IOException {
		write("V1__a.sql", "SELECT 1");
		assertThat(SqlFileMigrations.load(List.of("filesystem:" + this.folder), Map.of(), new DefaultResourceLoader()))
			.hasSize(1);
		assertThat(SqlFileMigrations.load(List.of("classpath:sql-files/valid"), Map.of(), new DefaultResourceLoader()))
			.extracting(SqlFileMigration::location)
			.containsExactly("classpath:sql-files/valid/V1__create_things.sql",
					"classpath:sql-files/valid/V3__add_thing_name.sql");
	}

	@Test
	void aMissingLocationIsRefusedNamingIt() {
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> SqlFileMigrations.load(List.of("classpath:no/such/folder"), Map.of(),
					new DefaultResourceLoader()))
			.withMessageContaining("classpath:no/such/folder does not exist")
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.SCRIPT_NOT_FOUND));
		assertThat(SqlFileMigrations.exists("classpath:no/such/folder", new DefaultResourceLoader())).isFalse();
		assertThat(SqlFileMigrations.exists("classpath:sql-files/valid", new DefaultResourceLoader())).isTrue();
	}

	@Test
	void aVersionThatIsNotAWholeNumberIsRefusedWithTheRename() throws IOException {
		write("V1__a.sql", "SELECT 1");
		write("V7__b.sql", "SELECT 1");
		write("V1.1__dotted.sql", "SELECT 1");
		write("V1_2__underscored.sql", "SELECT 1");
		SmallsValidationException ex = refusal();
		assertThat(ex.getProblem()).isEqualTo(Problem.INVALID_MIGRATIONS);
		assertThat(ex.getMessage()).contains("V1.1__dotted.sql has the version 1.1, which is not a whole number")
			.contains("V8__dotted.sql would come last")
			.contains("V1_2__underscored.sql has the version 1_2")
			.contains("Nothing was run");
	}

	@Test
	void aMissingDoubleUnderscoreIsRefusedWithTheRename() throws IOException {
		write("V3_add_email.sql", "SELECT 1");
		write("V4.sql", "SELECT 1");
		write("V5__.sql", "SELECT 1");
		assertThat(refusal().getMessage()).contains("V3_add_email.sql has no '__'")
			.contains("rename it to V3__add_email.sql")
			.contains("V4.sql has no '__'")
			.contains("V5__.sql has no description");
	}

	@Test
	void aRollbackFileWithoutItsMigrationIsRefusedNamingIt() throws IOException {
		write("V1__a.sql", "SELECT 1");
		write("U2__b.sql", "SELECT 1");
		assertThat(refusal().getMessage()).contains("U2__b.sql rolls back sequence 0002, but there is no V2__ file");
	}

	@Test
	void repeatableFilesAreRefusedSayingWhatToDo() throws IOException {
		write("R__views.sql", "CREATE VIEW v AS SELECT 1");
		assertThat(refusal().getMessage()).contains("R__views.sql is a repeatable migration, which smalls does not have")
			.contains("V<n>__ file");
	}

	@Test
	void flywayCallbacksAndOtherFilesAreNotMigrations() throws IOException {
		write("beforeMigrate.sql", "SELECT 1");
		write("afterEachMigrate__log.sql", "SELECT 1");
		write("notes.sql", "SELECT 1");
		write("V1__a.sql", "SELECT 1");
		assertThat(load()).extracting(SqlFileMigration::sequence).containsExactly(1);
	}

	@Test
	void placeholdersAreReplacedInStatementsButNotInTheChecksum() throws IOException {
		write("V1__a.sql", "CREATE TABLE ${prefix}_users (id INT);\nGRANT SELECT ON ${prefix}_users TO ${reader};");
		SqlFileMigration dev = load(Map.of("prefix", "app", "reader", "dev")).get(0);
		SqlFileMigration prod = load(Map.of("prefix", "app", "reader", "prod")).get(0);
		assertThat(dev.statements()).containsExactly("CREATE TABLE app_users (id INT)", "GRANT SELECT ON app_users TO dev");
		assertThat(prod.statements()).containsExactly("CREATE TABLE app_users (id INT)",
				"GRANT SELECT ON app_users TO prod");
		assertThat(dev.checksum()).isEqualTo(prod.checksum());
	}

	@Test
	void anUndefinedPlaceholderIsRefusedNamingFileLineAndPlaceholder() throws IOException {
		write("V1__a.sql", "SELECT 1;\n\nCREATE TABLE ${table} (id INT);\nSET search_path = ${flyway:defaultSchema};");
		SmallsValidationException ex = refusal();
		assertThat(ex.getMessage()).contains("V1__a.sql, line 3: the placeholder ${table} is not defined")
			.contains("smalls.sql.placeholders.table")
			.contains("V1__a.sql, line 4: the placeholder ${flyway:defaultSchema} is not defined")
			.contains("none of Flyway's built-in placeholders");
		assertThat(ex.getSequences()).containsExactly(1);
	}

	@Test
	void theChecksumIgnoresLineEndingsAndAByteOrderMarkButNotTheText() {
		String lf = SqlFileMigration.checksumOf("CREATE TABLE a (id INT);\nDROP TABLE b;\n");
		assertThat(SqlFileMigration.checksumOf("CREATE TABLE a (id INT);\r\nDROP TABLE b;\r\n")).isEqualTo(lf);
		assertThat(SqlFileMigration.checksumOf("\uFEFFCREATE TABLE a (id INT);\nDROP TABLE b;\n")).isEqualTo(lf);
		assertThat(SqlFileMigration.checksumOf("CREATE TABLE a (id BIGINT);\nDROP TABLE b;\n")).isNotEqualTo(lf);
		assertThat(lf).startsWith("sql-sha256:").hasSize(11 + 64);
	}

	@Test
	void theFlywayChecksumIgnoresLineEndingsAndAByteOrderMark() {
		int lf = SqlFileMigration.flywayChecksumOf("CREATE TABLE a (id INT);\nDROP TABLE b;\n");
		assertThat(SqlFileMigration.flywayChecksumOf("CREATE TABLE a (id INT);\r\nDROP TABLE b;")).isEqualTo(lf);
		assertThat(SqlFileMigration.flywayChecksumOf("\uFEFFCREATE TABLE a (id INT);\nDROP TABLE b;")).isEqualTo(lf);
		assertThat(SqlFileMigration.flywayChecksumOf("CREATE TABLE a (id INT);\nDROP TABLE c;")).isNotEqualTo(lf);
	}

	@Test
	void aNoTransactionHeaderOrAFlywayScriptConfigRunsTheFileOutsideATransaction() throws IOException {
		write("V1__a.sql", "-- Builds the index without blocking writes\n-- smalls:no-transaction\nSELECT 1;");
		write("V2__b.sql", "SELECT 1;");
		write("V2__b.sql.conf", "executeInTransaction=false\n");
		write("V3__c.sql", "SELECT 1;\n-- smalls:no-transaction\n");
		assertThat(load()).extracting(SqlFileMigration::transactional).containsExactly(false, false, true);
	}

	@Test
	void aFlywayScriptConfigWithSettingsSmallsDoesNotHaveIsRefused() throws IOException {
		write("V1__a.sql", "SELECT 1;");
		write("V1__a.sql.conf", "shouldExecute=false\n");
		assertThat(refusal().getMessage()).contains("V1__a.sql.conf sets shouldExecute=false, which smalls does not "
				+ "support");
	}

	@Test
	void statementsAreSplitOutsideQuotesCommentsAndDollarQuotes() {
		String script = """
				-- a comment; with a semicolon
				CREATE TABLE a (note VARCHAR(20) DEFAULT 'x;y', "odd;name" INT);
				/* a block; comment */
				CREATE FUNCTION f() RETURNS trigger AS $$
				BEGIN
				  NEW.note := 'a;b';
				  RETURN NEW;
				END;
				$$ LANGUAGE plpgsql;
				CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
				INSERT INTO a (note) VALUES ('it''s; fine');
				-- only a comment at the end: no statement;
				""";
		List<String> statements = SqlStatements.split(script, "V1__x.sql");
		assertThat(statements).hasSize(4);
		assertThat(statements.get(0)).startsWith("-- a comment").endsWith("\"odd;name\" INT)");
		assertThat(statements.get(1)).startsWith("/* a block; comment */").endsWith("$$ LANGUAGE plpgsql");
		assertThat(statements.get(2)).isEqualTo("CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql");
		assertThat(statements.get(3)).isEqualTo("INSERT INTO a (note) VALUES ('it''s; fine')");
	}

	@Test
	void aDelimiterLineChangesTheSeparatorForARoutine() {
		String script = """
				CREATE TABLE a (id INT);
				DELIMITER //
				CREATE PROCEDURE p()
				BEGIN
				  INSERT INTO a VALUES (1);
				  INSERT INTO a VALUES (2);
				END //
				DELIMITER ;
				CALL p();
				""";
		assertThat(SqlStatements.split(script, "V1__x.sql")).hasSize(3)
			.element(1)
			.asString()
			.startsWith("CREATE PROCEDURE p()")
			.endsWith("END");
	}

	@Test
	void aRoutineBodyThatWouldBeCutIsRefusedSayingHowToWriteIt() {
		String script = "CREATE TABLE a (id INT);\nCREATE PROCEDURE p()\nBEGIN\n  INSERT INTO a VALUES (1);\nEND;\n";
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> SqlStatements.split(script, "V1__x.sql"))
			.withMessageContaining("V1__x.sql, line 2: the routine's BEGIN ... END body holds ';'")
			.withMessageContaining("DELIMITER //");
	}

	@Test
	void anUnclosedQuoteIsRefusedNamingItsLine() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> SqlStatements.split("SELECT 1;\nSELECT 'oops;\n", "V1__x.sql"))
			.withMessageContaining("V1__x.sql, line 2: the quote ' opened here is not closed");
	}

}
