package dev.smalls.commands;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.smalls.SmallsValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationFileWriterTests {

	@TempDir
	Path directory;

	@Test
	void theGeneratedSchemaMigrationCompilesAsItIs() throws Exception {
		MigrationFileWriter.Created created = new MigrationFileWriter(this.directory, "com.example.migrations")
			.create("Add reset count to users", 0);
		assertThat(created.file().getFileName()).hasToString("M0001AddResetCountToUsers.java");
		assertThat(Files.readString(created.file())).contains("implements SchemaMigration")
			.contains("public void change(Schema schema)");
		assertThat(compile(created.file())).isZero();
		assertThat(this.directory.resolve("classes/com/example/migrations/M0001AddResetCountToUsers.class")).exists();
	}

	@Test
	void theSchemaMigrationsCommentedExamplesCompileOnceUncommented() throws Exception {
		MigrationFileWriter.Created created = new MigrationFileWriter(this.directory, "com.example.migrations")
			.create("add tags", 3);
		String source = Files.readString(created.file());
		String uncommented = source.lines()
			.map((line) -> line.matches("\\s*// (schema\\.|    table\\.|}\\);).*") ? line.replaceFirst("// ", "") : line)
			.collect(java.util.stream.Collectors.joining("\n"));
		assertThat(uncommented).isNotEqualTo(source).contains("\t\tschema.irreversible(")
			.contains("\t\tschema.createTable(\"tags\"");
		Files.writeString(created.file(), uncommented);
		assertThat(compile(created.file())).isZero();
	}

	@Test
	void theGeneratedJdbcTemplateMigrationCompilesAsItIs() throws Exception {
		MigrationFileWriter.Created created = new MigrationFileWriter(this.directory, "com.example.migrations")
			.create("Add reset count to users", 0, MigrationFileWriter.Template.SQL);
		assertThat(Files.readString(created.file())).contains("implements SmallsMigration");
		assertThat(compile(created.file())).isZero();
		assertThat(this.directory.resolve("classes/com/example/migrations/M0001AddResetCountToUsers.class")).exists();
	}

	private int compile(Path source) throws Exception {
		Path classes = Files.createDirectories(this.directory.resolve("classes"));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		int result = compiler.run(null, null, errors, "-proc:none", "-cp", System.getProperty("java.class.path"), "-d",
				classes.toString(), source.toString());
		assertThat(errors.toString()).as("compiler errors").doesNotContain("error:");
		return result;
	}

	@Test
	void theJdbcTemplateFormHasMigrateAndRollbackSideBySideAndCommonChangesInAComment() throws Exception {
		String source = Files.readString(new MigrationFileWriter(this.directory, "com.example.migrations")
			.create("create orders", 4, MigrationFileWriter.Template.SQL)
			.file());
		assertThat(source).contains("@Component")
			.contains("public void migrate(JdbcTemplate jdbc)")
			.contains("public void rollback(JdbcTemplate jdbc)")
			.contains("ADD COLUMN")
			.contains("DROP COLUMN")
			.contains("RENAME COLUMN")
			.contains("CREATE TABLE")
			.contains("DROP TABLE")
			.contains("CREATE INDEX")
			.contains("UPDATE users");
	}

	@Test
	void theNumberIsOneAboveTheHighestOfTheFilesAndWhatTheMigratorKnows() throws Exception {
		MigrationFileWriter writer = new MigrationFileWriter(this.directory, "com.example.migrations");
		Files.writeString(this.directory.resolve("M0007Existing.java"), "// someone else's");
		assertThat(writer.create("next one", 3).sequence()).isEqualTo(8);
		assertThat(writer.create("after applied", 12).sequence()).isEqualTo(13);
	}

	@Test
	void aHostileDescriptionBecomesASafeNameInsideTheDirectory() throws Exception {
		MigrationFileWriter writer = new MigrationFileWriter(this.directory, "com.example.migrations");
		MigrationFileWriter.Created created = writer.create("../../etc/passwd */ System.exit(1); /* \"x", 0);
		assertThat(created.name()).isEqualTo("etc_passwd_system_exit_1_x");
		assertThat(created.file().getParent()).isEqualTo(this.directory);
		assertThat(Files.readString(created.file())).doesNotContain("../").doesNotContain("System.exit");
		try (Stream<Path> files = Files.list(this.directory)) {
			assertThat(files.toList()).containsExactly(created.file());
		}
	}

	@Test
	void aDescriptionWithoutLettersOrDigitsIsRefused() {
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> new MigrationFileWriter(this.directory, "com.example").create("../ ;; */", 0))
			.withMessageContaining("has no letters or digits");
	}

	@Test
	void anExistingFileIsNeverOverwritten() throws Exception {
		Path existing = this.directory.resolve("M0001CreateUsers.java");
		MigrationFileWriter writer = new MigrationFileWriter(this.directory, "com.example");
		Files.writeString(existing, "keep me");
		// Numbering skips past existing files, so the only way to collide is a file the scan does not see.
		assertThat(writer.create("create users", 0).sequence()).isEqualTo(2);
		assertThat(Files.readString(existing)).isEqualTo("keep me");
	}

	@Test
	void aDescriptionThatStartsWithDigitsGetsAClassNameWhoseSequenceStaysApart() throws Exception {
		MigrationFileWriter writer = new MigrationFileWriter(this.directory, "com.example.migrations");
		MigrationFileWriter.Created created = writer.create("2024 cleanup", 6);
		assertThat(created.file().getFileName()).hasToString("M0007_2024Cleanup.java");
		assertThat(created.name()).isEqualTo("2024_cleanup");
		assertThat(writer.create("next", 0).sequence()).isEqualTo(8);
		assertThat(compile(created.file())).isZero();
	}

	@Test
	void aFileWhoseNameRunsItsSequenceAndNameTogetherIsNumberedByItsSource() throws Exception {
		// As an older smalls create wrote "smalls create 123": sequence 7, name "123".
		Files.writeString(this.directory.resolve("M0007123.java"),
				"class M0007123 { public int sequence() { return 7; } }");
		assertThat(new MigrationFileWriter(this.directory, "com.example").create("next", 0).sequence()).isEqualTo(8);
	}

	@Test
	void aMissingDirectoryWhoseParentExistsIsCreated() throws Exception {
		Path migrations = this.directory.resolve("migrations");
		MigrationFileWriter.Created created = new MigrationFileWriter(migrations, "com.example").create("first", 0);
		assertThat(created.file()).exists().hasParent(migrations);
	}

	@Test
	void aDirectoryThatIsNotThereIsRefusedWithWhereItWouldWriteAndNothingIsCreated() throws Exception {
		Path elsewhere = this.directory.resolve("src/main/java/com/example/migrations");
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> new MigrationFileWriter(elsewhere, "com.example.migrations").create("first", 0))
			.withMessageContaining("New migrations are written to " + elsewhere + ", which does not exist here")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("project's root directory")
				.contains("smalls.create.directory"));
		assertThat(this.directory.resolve("src")).doesNotExist();
	}

	@Test
	void accentedLettersAreSpelledInAscii() throws Exception {
		MigrationFileWriter writer = new MigrationFileWriter(this.directory, "com.example");
		assertThat(writer.create("añadir columna", 0).className()).isEqualTo("M0001AnadirColumna");
		assertThat(writer.create("Straße für Kunden", 0).name()).isEqualTo("strasse_fur_kunden");
	}

	@Test
	void lettersWithoutAnAsciiSpellingAreRefusedAndNamed() {
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> new MigrationFileWriter(this.directory, "com.example").create("add 列 column", 0))
			.withMessageContaining("letters smalls cannot spell in ASCII")
			.withMessageContaining("列");
	}

	@Test
	void anInvalidPackageIsRefused() {
		for (String bad : List.of("com.example;import", "../x", "com..example", "1com")) {
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> new MigrationFileWriter(this.directory, bad))
				.withMessageContaining("is not a Java package name");
		}
	}

}
