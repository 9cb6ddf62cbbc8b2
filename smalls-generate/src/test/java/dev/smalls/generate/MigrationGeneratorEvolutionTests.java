package dev.smalls.generate;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

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

	@TempDir
	Path directory;

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "H2", "POSTGRESQL", "MARIADB" })
	void everyGeneratedMigrationAppliesValidatesRollsBackExactlyAndLeavesNothingToGenerate(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			Evolution evolution = new Evolution(db, this.directory);
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

			evolution.step("add favourite books", GenerateOptions.defaults(), dev.smalls.generate.model.v10.Book.class,
					dev.smalls.generate.model.v10.Author.class)
				.hasSize(3)
				.anySatisfy((operation) -> assertThat(operation).isEqualTo("addColumn author.favourite_id BIGINT"))
				.anySatisfy((operation) -> assertThat(operation).matches("addUniqueIndex \\w+ on author "
						+ "\\(favourite_id\\)"))
				.anySatisfy((operation) -> assertThat(operation).matches("addForeignKey \\w+ on author "
						+ "\\(favourite_id\\) references books \\(id\\)"));

			assertThat(evolution.migrator().status().current()).isEqualTo(10);
		}
	}

}
