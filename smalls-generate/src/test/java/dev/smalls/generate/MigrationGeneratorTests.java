package dev.smalls.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.generate.model.cases.Counter;
import dev.smalls.generate.model.cases.Outer;
import dev.smalls.generate.model.cases.Quoted;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What generate writes, refuses and leaves alone, on H2.
 */
class MigrationGeneratorTests {

	private static final String PACKAGE = "com.example.migrations";

	@TempDir
	Path directory;

	private final FreshDatabase db = TestDatabase.H2.createFreshDatabase();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.db.dataSource());

	@AfterEach
	void closeDatabase() {
		this.db.close();
	}

	@Test
	void aModelTheDatabaseMatchesWritesNothingAndSaysSo() {
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, hits INTEGER NOT NULL)");

		GenerateResult result = generator(List.of()).generate("nothing", GenerateOptions.defaults());

		assertThat(result.written()).isFalse();
		assertThat(result.upToDate()).isTrue();
		assertThat(files()).isEmpty();
	}

	@Test
	void pendingMigrationsAreRefusedSinceTheNewMigrationWouldRepeatThem() {
		SmallsMigration pending = new TestMigration(1, "create_counters");

		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> generator(List.of(pending)).generate("add counters", GenerateOptions.defaults()))
			.withMessageContaining("1 migration is pending (0001_create_counters)")
			.withMessageContaining("Nothing was written")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("apply it first (smalls migrate)")
				.contains("--ignore-pending"));
		assertThat(files()).isEmpty();
	}

	@Test
	void pendingMigrationsAreIgnoredWhenAskedAndTheNumberFollowsThem() {
		SmallsMigration pending = new TestMigration(1, "create_counters");

		GenerateResult result = generator(List.of(pending)).generate("add counters",
				GenerateOptions.defaults().withIgnorePending());

		assertThat(result.migration()).isEqualTo("0002_add_counters");
		assertThat(result.file().getFileName()).hasToString("M0002AddCounters.java");
	}

	@Test
	void theNumberIsOneAboveTheHighestOfTheFilesAndTheHistory() throws Exception {
		SmallsMigrator.builder(this.db.dataSource()).migrations(new TestMigration(5, "applied")).build().migrate();
		Files.createDirectories(this.directory);
		Files.writeString(this.directory.resolve("M0007Someone.java"), "// someone else's");

		GenerateResult result = generator(List.of(new TestMigration(5, "applied"))).generate("add counters",
				GenerateOptions.defaults().withIgnorePending());

		assertThat(result.migration()).isEqualTo("0008_add_counters");
		assertThat(Files.readString(this.directory.resolve("M0007Someone.java"))).isEqualTo("// someone else's");
	}

	@Test
	void generatingTwiceInARowWritesNothingTheSecondTimeSinceTheFirstIsNotAppliedYet() {
		MigrationGenerator generator = generator(List.of());
		generator.generate("add counters", GenerateOptions.defaults());

		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> generator.generate("add counters again", GenerateOptions.defaults()))
			.withMessageContaining("1 migration is pending (M0001AddCounters.java, written and not applied)");
		assertThat(files()).extracting((file) -> file.getFileName().toString())
			.containsExactly("M0001AddCounters.java");
	}

	@Test
	void dropsAloneWriteNoFileAndAreListedForAllowDrop() {
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, hits INTEGER NOT NULL, old VARCHAR(10))");

		GenerateResult result = generator(List.of()).generate("drop old", GenerateOptions.defaults());

		assertThat(result.written()).isFalse();
		assertThat(result.upToDate()).isFalse();
		assertThat(result.withheld()).containsExactly("dropColumn counters.old");
		assertThat(files()).isEmpty();
	}

	@Test
	void dropsBesideOtherChangesAreWrittenCommentedOutWithAWarning() throws Exception {
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, old VARCHAR(10) DEFAULT 'x' NOT NULL)");
		this.jdbc.execute("CREATE TABLE legacy (code VARCHAR(5) PRIMARY KEY)");

		GenerateResult result = generator(List.of()).generate("add hits", GenerateOptions.defaults());

		String source = Files.readString(result.file());
		assertThat(result.operations()).containsExactly("addColumn counters.hits INTEGER NOT NULL");
		assertThat(result.withheld()).containsExactly("dropColumn counters.old", "dropTable legacy (code VARCHAR(5) "
				+ "PRIMARY KEY)");
		assertThat(source).contains("// Not in the model any more. Dropping loses data")
			.contains("// schema.dropColumn(\"counters\", \"old\", ColumnType.varchar(10), (column) -> column.notNull()"
					+ ".defaultValue(\"x\"));")
			.contains("// schema.dropTable(\"legacy\", (table) -> {")
			.contains("// \ttable.column(\"code\", ColumnType.varchar(5)).primaryKey();");
		SchemaMigration migration = new Compiler(this.directory).load(result.file(), PACKAGE + ".M0001AddHits");
		assertThat(dev.smalls.schema.SchemaPlan.of(migration).operations()).isEqualTo(result.operations());
	}

	@Test
	void aNewNotNullColumnOnAnEmptyTableIsThePlainFormAndSaysWhereItWouldFail() throws Exception {
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY)");

		GenerateResult result = generator(List.of()).generate("add hits", GenerateOptions.defaults());

		assertThat(result.operations()).containsExactly("addColumn counters.hits INTEGER NOT NULL");
		assertThat(Files.readString(result.file())).contains("// counters is empty here, so this is the plain form. "
				+ "Where it has rows, H2 and PostgreSQL refuse it");
	}

	@Test
	void aNewNotNullColumnOnATableWithRowsGetsTheTypesDefaultAndTheConsoleSaysSo() {
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY)");
		this.jdbc.execute("INSERT INTO counters (id) VALUES (1)");

		GenerateResult result = generator(List.of()).generate("add hits", GenerateOptions.defaults());

		assertThat(result.operations()).containsExactly("addColumn counters.hits INTEGER NOT NULL DEFAULT 0",
				"setDefault counters.hits from 0 to none");
		assertThat(result.notes()).containsExactly("counters has rows, and counters.hits is NOT NULL without a default "
				+ "in the model: it is added with DEFAULT 0, which the rows get, and the default is dropped again. For "
				+ "another value, give the field a @ColumnDefault.");
	}

	@Test
	void aChangedTypeIsAlteredFromWhatTheDatabaseHasNow() {
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, hits SMALLINT NOT NULL)");

		GenerateResult result = generator(List.of()).generate("widen hits", GenerateOptions.defaults());

		assertThat(result.operations()).containsExactly("alterColumnType counters.hits from SMALLINT to INTEGER");
	}

	@Test
	void aWiderIntegerInTheDatabaseIsKeptSinceHibernateAcceptsIt() {
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, hits BIGINT NOT NULL)");

		assertThat(generator(List.of()).generate("nothing", GenerateOptions.defaults()).upToDate()).isTrue();
	}

	@Test
	void aFieldMadeNotNullIsSetNotNullWithAWarningAboutNulls() throws Exception {
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, hits INTEGER)");

		GenerateResult result = generator(List.of()).generate("require hits", GenerateOptions.defaults());

		assertThat(result.operations()).containsExactly("setNotNull counters.hits");
		assertThat(Files.readString(result.file())).contains("// This fails if counters.hits holds NULLs");
	}

	@Test
	void aFieldMadeNullableDropsNotNull() {
		this.jdbc.execute("CREATE TABLE books (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
				+ "title VARCHAR(200) NOT NULL, pages INTEGER DEFAULT 0 NOT NULL, subtitle VARCHAR(255) NOT NULL)");

		GenerateResult result = generator(List.of(), dev.smalls.generate.model.v2.Book.class).generate("relax",
				GenerateOptions.defaults());

		assertThat(result.operations()).containsExactly("dropNotNull books.subtitle");
	}

	@Test
	void ignoredTablesAndSmallsOwnTablesAreLeftAlone() {
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, hits INTEGER NOT NULL)");
		this.jdbc.execute("CREATE TABLE app_settings (name VARCHAR(100) PRIMARY KEY)");
		SmallsMigrator.builder(this.db.dataSource()).build().migrate();

		GenerateResult result = new MigrationGenerator(SmallsMigrator.builder(this.db.dataSource()).build(),
				this.db.dataSource(), () -> TestModels.model(this.db.dataSource(), Counter.class), this.directory,
				PACKAGE, List.of("APP_SETTINGS"))
			.generate("nothing", GenerateOptions.defaults());

		assertThat(result.upToDate()).as(result.toString()).isTrue();
	}

	@Test
	void aNameSmallsCannotWriteIsRefusedNamingTheEntity() {
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> generator(List.of(), Outer.Inner.class).generate("add inner", GenerateOptions.defaults()))
			.withMessageContaining("'outer$inner' is not a plain SQL identifier")
			.withMessageContaining("(entity dev.smalls.generate.model.cases.Outer$Inner)")
			.withMessageContaining("No migration was written")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("@Table(name = ...)"));
		assertThat(files()).isEmpty();
	}

	@Test
	void aQuotedNameIsRefusedRatherThanWrittenInAnotherCase() {
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> generator(List.of(), Quoted.class).generate("add quoted", GenerateOptions.defaults()))
			.withMessageContaining("table Quoted")
			.withMessageContaining("is quoted in the mapping");
		assertThat(files()).isEmpty();
	}

	@Test
	void aDescriptionWithoutLettersIsRefusedBeforeAnythingIsRead() {
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> generator(List.of()).generate("../ ;; */", GenerateOptions.defaults()))
			.withMessageContaining("has no letters or digits");
	}

	@Test
	void checkListsWhatGenerateWouldWriteAndWithholdAndChangesNothing() throws Exception {
		SmallsMigration applied = new TestMigration(1, "create_counters");
		SmallsMigrator.builder(this.db.dataSource()).migrations(applied).build().migrate();
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, old VARCHAR(10))");
		Files.createDirectories(this.directory);
		Files.writeString(this.directory.resolve("M0001CreateCounters.java"), "// applied");
		Map<Path, String> filesBefore = contents();
		SchemaSnapshot schemaBefore = SchemaSnapshot.read(this.db.dataSource());
		List<Map<String, Object>> historyBefore = history();

		GenerateResult result = generator(List.of(applied)).check(GenerateOptions.defaults());

		assertThat(result.upToDate()).isFalse();
		assertThat(result.written()).isFalse();
		assertThat(result.file()).isNull();
		assertThat(result.operations()).containsExactly("addColumn counters.hits INTEGER NOT NULL");
		assertThat(result.withheld()).containsExactly("dropColumn counters.old");
		assertThat(result.pending()).isEmpty();
		assertThat(contents()).isEqualTo(filesBefore);
		assertThat(SchemaSnapshot.read(this.db.dataSource())).isEqualTo(schemaBefore);
		assertThat(history()).isEqualTo(historyBefore);
	}

	@Test
	void checkWithAllowDropListsTheDropsAsOperations() {
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, hits INTEGER NOT NULL, old VARCHAR(10))");

		GenerateResult result = generator(List.of()).check(GenerateOptions.defaults().withAllowDrop());

		assertThat(result.operations()).containsExactly("dropColumn counters.old");
		assertThat(result.withheld()).isEmpty();
		assertThat(result.upToDate()).isFalse();
		assertThat(files()).isEmpty();
	}

	@Test
	void checkOfADatabaseThatMatchesTheModelIsUpToDate() {
		SmallsMigrator.builder(this.db.dataSource()).build().migrate();
		this.jdbc.execute("CREATE TABLE counters (id BIGINT PRIMARY KEY, hits INTEGER NOT NULL)");
		SchemaSnapshot schemaBefore = SchemaSnapshot.read(this.db.dataSource());

		GenerateResult result = generator(List.of()).check(GenerateOptions.defaults());

		assertThat(result.upToDate()).as(result.toString()).isTrue();
		assertThat(result.operations()).isEmpty();
		assertThat(result.withheld()).isEmpty();
		assertThat(SchemaSnapshot.read(this.db.dataSource())).isEqualTo(schemaBefore);
		assertThat(files()).isEmpty();
	}

	@Test
	void checkWithPendingMigrationsRefusesSinceTheDatabaseIsNotWhereTheyLeaveIt() {
		SmallsMigration pending = new TestMigration(1, "create_counters");
		SchemaSnapshot schemaBefore = SchemaSnapshot.read(this.db.dataSource());

		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> generator(List.of(pending)).check(GenerateOptions.defaults()))
			.withMessageContaining("1 migration is pending (0001_create_counters)")
			.withMessageContaining("the database is not yet as the migrations leave it")
			.withMessageContaining("Nothing was checked")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("Apply it first (smalls migrate")
				.contains("--ignore-pending"));
		assertThat(SchemaSnapshot.read(this.db.dataSource())).isEqualTo(schemaBefore);
		assertThat(files()).isEmpty();
	}

	@Test
	void checkWithAMigrationWrittenAndNotBuiltRefusesAlike() throws Exception {
		SmallsMigrator.builder(this.db.dataSource()).build().migrate();
		Files.createDirectories(this.directory);
		Files.writeString(this.directory.resolve("M0001AddCounters.java"), "// generated, not built");

		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> generator(List.of()).check(GenerateOptions.defaults()))
			.withMessageContaining("1 migration is pending (M0001AddCounters.java, written and not applied)");
		assertThat(Files.readString(this.directory.resolve("M0001AddCounters.java")))
			.isEqualTo("// generated, not built");
	}

	@Test
	void checkIgnoringPendingComparesWithTheDatabaseAsItIsAndNamesThem() {
		SmallsMigration pending = new TestMigration(1, "create_counters");

		GenerateResult result = generator(List.of(pending)).check(GenerateOptions.defaults().withIgnorePending());

		assertThat(result.pending()).containsExactly("0001_create_counters");
		assertThat(result.operations()).containsExactly("createTable counters (id BIGINT PRIMARY KEY, hits INTEGER "
				+ "NOT NULL)");
		assertThat(files()).isEmpty();
	}

	private Map<Path, String> contents() throws java.io.IOException {
		Map<Path, String> contents = new TreeMap<>();
		for (Path file : files()) {
			contents.put(file, Files.readString(file));
		}
		return contents;
	}

	private List<Map<String, Object>> history() {
		return this.jdbc.queryForList("SELECT * FROM smalls_history ORDER BY sequence_no");
	}

	private MigrationGenerator generator(List<SmallsMigration> migrations, Class<?>... entities) {
		Class<?>[] model = (entities.length == 0) ? new Class<?>[] { Counter.class } : entities;
		return new MigrationGenerator(SmallsMigrator.builder(this.db.dataSource()).migrations(migrations).build(),
				this.db.dataSource(), () -> TestModels.model(this.db.dataSource(), model), this.directory, PACKAGE,
				List.of());
	}

	private List<Path> files() {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** A migration that does nothing, to be pending or applied. */
	private record TestMigration(int sequence, String name) implements SmallsMigration {

		@Override
		public void migrate(JdbcTemplate jdbc) {
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
		}

	}

}
