package dev.smalls.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model changed step by step, as an application's entities change over its life, and after
 * each step: generate, compile the file as written, apply it, start Hibernate with
 * {@code ddl-auto=validate}, roll it back and find the schema exactly as before, apply it
 * again, and generate once more to find nothing left to write.
 */
class MigrationGeneratorEvolutionTests {

	private static final String PACKAGE = "com.example.migrations";

	@TempDir
	Path directory;

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "H2", "POSTGRESQL", "MARIADB" })
	void everyGeneratedMigrationAppliesValidatesRollsBackExactlyAndLeavesNothingToGenerate(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			Evolution evolution = new Evolution(db);
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());

			evolution.step("create books", GenerateOptions.defaults(), dev.smalls.generate.model.v1.Book.class)
				.containsExactly("createTable books (id BIGINT numbered by the database PRIMARY KEY, title "
						+ "VARCHAR(200) NOT NULL)");
			jdbc.update("INSERT INTO books (title) VALUES ('Dune')");

			evolution.step("add pages and subtitle", GenerateOptions.defaults(), dev.smalls.generate.model.v2.Book.class)
				.containsExactly("addColumn books.pages INTEGER NOT NULL DEFAULT 0",
						"addColumn books.subtitle VARCHAR(255)");
			assertThat(jdbc.queryForObject("SELECT pages FROM books", Integer.class)).isZero();

			evolution.step("add authors", GenerateOptions.defaults(), dev.smalls.generate.model.v3.Book.class,
					dev.smalls.generate.model.v3.Author.class)
				.hasSize(3)
				.anySatisfy((operation) -> assertThat(operation).startsWith("createTable author (id BIGINT numbered "
						+ "by the database PRIMARY KEY, full_name VARCHAR(100) NOT NULL)"))
				.anySatisfy((operation) -> assertThat(operation).isEqualTo("addColumn books.author_id BIGINT"))
				.anySatisfy((operation) -> assertThat(operation).matches(
						"addForeignKey \\w+ on books \\(author_id\\) references author \\(id\\)"));

			evolution.step("add tags", GenerateOptions.defaults(), dev.smalls.generate.model.v4.Book.class,
					dev.smalls.generate.model.v4.Author.class, dev.smalls.generate.model.v4.Tag.class)
				.anySatisfy((operation) -> assertThat(operation).startsWith("sql \"CREATE SEQUENCE tag_seq START WITH 1 "
						+ "INCREMENT BY 50"))
				.anySatisfy((operation) -> assertThat(operation).startsWith("createTable tag (id BIGINT PRIMARY KEY"))
				.anySatisfy((operation) -> assertThat(operation).startsWith("createTable book_tags ("))
				.anySatisfy((operation) -> assertThat(operation).matches("addUniqueIndex \\w+ on tag \\(label\\)"))
				.filteredOn((operation) -> operation.matches("addForeignKey \\w+ on book_tags .*"))
				.hasSize(2);

			evolution.step("index titles", GenerateOptions.defaults(), dev.smalls.generate.model.v5.Book.class,
					dev.smalls.generate.model.v5.Author.class, dev.smalls.generate.model.v5.Tag.class)
				.containsExactlyInAnyOrder("addIndex idx_books_title on books (title)",
						"addUniqueIndex uk_books_title_subtitle on books (title, subtitle)");

			evolution.step("widen titles", GenerateOptions.defaults(), dev.smalls.generate.model.v6.Book.class,
					dev.smalls.generate.model.v6.Author.class, dev.smalls.generate.model.v6.Tag.class)
				.containsExactly("alterColumnType books.title from VARCHAR(200) to VARCHAR(400)");

			jdbc.update("UPDATE books SET subtitle = 'Book one'");
			evolution.step("require subtitles", GenerateOptions.defaults(), dev.smalls.generate.model.v7.Book.class,
					dev.smalls.generate.model.v7.Author.class, dev.smalls.generate.model.v7.Tag.class)
				.containsExactly("setNotNull books.subtitle");

			jdbc.update("DELETE FROM books");
			GenerateResult withheld = evolution.generate("drop subtitles", GenerateOptions.defaults(),
					dev.smalls.generate.model.v8.Book.class, dev.smalls.generate.model.v8.Author.class,
					dev.smalls.generate.model.v8.Tag.class);
			assertThat(withheld.written()).isFalse();
			assertThat(withheld.withheld()).containsExactly(
					"dropUniqueIndex uk_books_title_subtitle on books (title, subtitle)", "dropColumn books.subtitle");
			TestModels.validate(db.dataSource(), dev.smalls.generate.model.v8.Book.class,
					dev.smalls.generate.model.v8.Author.class, dev.smalls.generate.model.v8.Tag.class);

			evolution.step("drop subtitles", GenerateOptions.defaults().withAllowDrop(),
					dev.smalls.generate.model.v8.Book.class, dev.smalls.generate.model.v8.Author.class,
					dev.smalls.generate.model.v8.Tag.class)
				.containsExactly("dropUniqueIndex uk_books_title_subtitle on books (title, subtitle)",
						"dropColumn books.subtitle");

			evolution.step("drop tags", GenerateOptions.defaults().withAllowDrop(),
					dev.smalls.generate.model.v9.Book.class, dev.smalls.generate.model.v9.Author.class)
				.anySatisfy((operation) -> assertThat(operation).startsWith("dropTable book_tags"))
				.anySatisfy((operation) -> assertThat(operation).startsWith("dropTable tag"));

			assertThat(evolution.migrator().status().current()).isEqualTo(9);
		}
	}

	/** One database, its migrations so far, and the cycle each step goes through. */
	private final class Evolution {

		private final FreshDatabase db;

		private final Compiler compiler;

		private final List<SmallsMigration> migrations = new ArrayList<>();

		Evolution(FreshDatabase db) {
			this.db = db;
			this.compiler = new Compiler(MigrationGeneratorEvolutionTests.this.directory);
		}

		SmallsMigrator migrator() {
			return SmallsMigrator.builder(this.db.dataSource()).migrations(this.migrations).build();
		}

		GenerateResult generate(String description, GenerateOptions options, Class<?>... entities) {
			return new MigrationGenerator(migrator(), this.db.dataSource(),
					() -> TestModels.model(this.db.dataSource(), entities),
					MigrationGeneratorEvolutionTests.this.directory.resolve("src"), PACKAGE, List.of())
				.generate(description, options);
		}

		org.assertj.core.api.ListAssert<String> step(String description, GenerateOptions options,
				Class<?>... entities) {
			SchemaSnapshot before = snapshot();
			GenerateResult result = generate(description, options, entities);
			assertThat(result.written()).as(description + ": " + result).isTrue();
			String source = Compiler.read(result.file());
			SchemaMigration migration = this.compiler.load(result.file(),
					PACKAGE + "." + result.file().getFileName().toString().replace(".java", ""));
			assertThat(SchemaPlan.of(migration).operations()).as(source).isEqualTo(result.operations());
			this.migrations.add(migration);

			migrator().migrate();
			TestModels.validate(this.db.dataSource(), entities);
			SchemaSnapshot after = snapshot();
			migrator().rollback(migration.sequence() - 1);
			assertThat(snapshot().differencesFrom(before)).as(description + ": rolled back\n" + source).isEmpty();
			migrator().migrate();
			assertThat(snapshot().differencesFrom(after)).as(description + ": applied again").isEmpty();

			GenerateResult again = generate(description + " again", options, entities);
			assertThat(again.written()).as(description + ": generated again: " + again).isFalse();
			assertThat(again.upToDate()).as(description + ": generated again: " + again).isTrue();
			return assertThat(result.operations()).as(description + "\n" + source);
		}

		private SchemaSnapshot snapshot() {
			return SchemaSnapshot.read(this.db.dataSource()).without("smalls_history", "smalls_history_lock",
					"smalls_history_interrupted");
		}

	}

}
