package dev.smalls.generate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.generate.model.rows.NicknamedAccount;
import dev.smalls.generate.model.rows.OwnedAccount;
import dev.smalls.generate.model.rows.Owner;
import dev.smalls.generate.model.rows.RenamedAccount;
import dev.smalls.generate.model.rows.VersionedAccount;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A column the model adds NOT NULL without a default, to a table that has rows: generate writes
 * a form that applies on the database it read (a plain NOT NULL add fails there on H2 and
 * PostgreSQL), says on the console what it chose, and the migration, compiled as written, is
 * applied, rolled back and applied again with the rows in place. And a column that looks
 * renamed is said to be, with the line that keeps its data.
 */
class MigrationGeneratorExistingRowsTests {

	@TempDir
	Path directory;

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "H2", "POSTGRESQL", "MARIADB" })
	void aVersionAddedToATableWithRowsIsAddedWithDefaultZeroWhichIsDroppedAgain(TestDatabase database)
			throws Exception {
		try (FreshDatabase db = accountsWithRows(database)) {
			Evolution evolution = new Evolution(db, this.directory);

			evolution.step("add version", GenerateOptions.defaults(), VersionedAccount.class)
				.containsExactly("addColumn accounts.version BIGINT NOT NULL DEFAULT 0",
						"setDefault accounts.version from 0 to none");

			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			assertThat(jdbc.queryForList("SELECT version FROM accounts ORDER BY id", Long.class)).containsExactly(0L,
					0L);
			assertThat(source()).contains("schema.addColumn(\"accounts\", \"version\", ColumnType.BIGINT, (column) -> "
					+ "column.notNull().defaultValue(0));")
				.contains("schema.setDefault(\"accounts\", \"version\", 0, null);")
				.doesNotContain("this fails if");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "H2", "POSTGRESQL", "MARIADB" })
	void aStringAddedToATableWithRowsIsAddedNullableFilledAndMadeNotNull(TestDatabase database) throws Exception {
		try (FreshDatabase db = accountsWithRows(database)) {
			Evolution evolution = new Evolution(db, this.directory);

			evolution.step("add nickname", GenerateOptions.defaults(), NicknamedAccount.class)
				.containsExactly("addColumn accounts.nickname VARCHAR(255)",
						"sql \"UPDATE accounts SET nickname = '' WHERE nickname IS NULL\"", "setNotNull accounts.nickname");

			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			assertThat(jdbc.queryForList("SELECT nickname FROM accounts ORDER BY id", String.class)).containsExactly("",
					"");
			assertThat(source()).contains("schema.sql(\"UPDATE accounts SET nickname = '' WHERE nickname IS NULL\", "
					+ "\"\");");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "H2", "POSTGRESQL", "MARIADB" })
	void aForeignKeyAddedToATableWithRowsIsAddedNullableAndGenerateSaysToFillIt(TestDatabase database) {
		try (FreshDatabase db = accountsWithRows(database)) {
			new JdbcTemplate(db.dataSource()).execute("CREATE TABLE owners (id BIGINT PRIMARY KEY)");
			Evolution evolution = new Evolution(db, this.directory);

			GenerateResult result = evolution.generate("add owner", GenerateOptions.defaults(), OwnedAccount.class,
					Owner.class);
			evolution.migrator().migrate();

			assertThat(result.operations()).startsWith("addColumn accounts.owner_id BIGINT");
			assertThat(result.notes()).anyMatch((note) -> note.contains("accounts has rows, and accounts.owner_id is "
					+ "NOT NULL without a default in the model: it is added nullable, since it refers to another "
					+ "table") && note.contains("run smalls generate again, which makes it NOT NULL"));
			assertThat(Compiler.read(result.file()))
				.contains("// schema.setNotNull(\"accounts\", \"owner_id\"); once every row has a value");
		}
	}

	@Test
	void theLinterRunsOverWhatIsGeneratedAndItsFindingsAreNotes() {
		try (FreshDatabase db = accountsWithRows(TestDatabase.POSTGRESQL)) {
			Evolution evolution = new Evolution(db, this.directory);

			GenerateResult result = evolution.generate("add nickname", GenerateOptions.defaults(),
					NicknamedAccount.class);

			assertThat(result.notes()).anyMatch((note) -> note.startsWith("Lint: ")
					&& note.contains("[pg-set-not-null] 0001_add_nickname: setNotNull accounts.nickname")
					&& note.contains("safe way:"));
		}
	}

	@Test
	void aColumnAddedToAnEmptyTableKeepsThePlainForm() throws Exception {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			new JdbcTemplate(db.dataSource()).execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(255))");
			Evolution evolution = new Evolution(db, this.directory);

			evolution.step("add version", GenerateOptions.defaults(), VersionedAccount.class)
				.containsExactly("addColumn accounts.version BIGINT NOT NULL");

			assertThat(source()).contains("// accounts is empty here, so this is the plain form.");
		}
	}

	@Test
	void theConsoleSaysWhatTheRowsGet() {
		try (FreshDatabase db = accountsWithRows(TestDatabase.H2)) {
			Evolution evolution = new Evolution(db, this.directory);
			GenerateCommandOutput output = GenerateCommandOutput.run(evolution, "add version", VersionedAccount.class);

			assertThat(output.text()).contains("Note: accounts has rows, and accounts.version is NOT NULL without a "
					+ "default in the model: it is added with DEFAULT 0, which the rows get, and the default is dropped "
					+ "again.");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "H2", "POSTGRESQL", "MARIADB" })
	void aColumnGoneBesideANewOneOfTheSameTypeIsSuggestedAsARenameAndNotRenamed(TestDatabase database)
			throws Exception {
		try (FreshDatabase db = accountsWithRows(database)) {
			Evolution evolution = new Evolution(db, this.directory);

			GenerateResult result = evolution.generate("rename name", GenerateOptions.defaults(), RenamedAccount.class);

			assertThat(result.operations()).containsExactly("addColumn accounts.display_name VARCHAR(255)");
			assertThat(result.withheld()).containsExactly("dropColumn accounts.name");
			assertThat(result.notes()).anyMatch((note) -> note.contains("Column accounts.display_name is new and "
					+ "accounts.name is gone, with the same type: if it was renamed, replace the addColumn (and the "
					+ "drop of name) with schema.renameColumn(\"accounts\", \"name\", \"display_name\");"));
			assertThat(Files.readString(result.file())).contains("// Renamed from name? ")
				.contains("write schema.renameColumn(\"accounts\", \"name\", \"display_name\"); instead");
		}
	}

	private String source() throws Exception {
		try (var files = Files.list(this.directory.resolve("src"))) {
			List<Path> sources = files.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
			return Files.readString(sources.get(sources.size() - 1));
		}
	}

	private static FreshDatabase accountsWithRows(TestDatabase database) {
		FreshDatabase db = database.createFreshDatabase();
		JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
		jdbc.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(255))");
		jdbc.batchUpdate("INSERT INTO accounts (id, name) VALUES (?, ?)", List.of(new Object[] { 1, "one" },
				new Object[] { 2, "two" }));
		return db;
	}

	/** What {@code smalls generate} prints. */
	record GenerateCommandOutput(String text) {

		static GenerateCommandOutput run(Evolution evolution, String description, Class<?>... entities) {
			StringWriter text = new StringWriter();
			try (PrintWriter out = new PrintWriter(text)) {
				new GenerateCommand(() -> evolution.generator(entities)).execute(List.of(description.split(" ")), out);
			}
			return new GenerateCommandOutput(text.toString());
		}

	}

}
