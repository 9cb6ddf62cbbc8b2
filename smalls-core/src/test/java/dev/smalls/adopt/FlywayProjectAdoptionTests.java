package dev.smalls.adopt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.AdoptionResult;
import dev.smalls.FlywayAdoption;
import dev.smalls.MigrationExecution;
import dev.smalls.MigrationInfo;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.SqlFileMigration;
import dev.smalls.SqlFileMigrations;
import dev.smalls.SqlMigration;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issue 20's acceptance: a project of 50 migrations that the real Flyway applied (45 SQL
 * files, 5 Java migrations) moves to smalls. smalls runs the same SQL folder Flyway ran
 * ({@link SqlFileMigrations}), with {@code U} files beside some of the {@code V} files:
 * after {@code adoptFlyway} nothing is re-run, status shows all 50 applied and the Java ones
 * to port, a new smalls migration applies, a rollback runs the {@code U} files, and one that
 * reaches a file without a {@code U} file or a Java migration is refused, naming it, with
 * nothing changed. On H2, PostgreSQL and MariaDB.
 */
class FlywayProjectAdoptionTests {

	/** The Flyway Java migrations' versions; every other version from 1 to 50 is a SQL file. */
	private static final Set<Integer> JAVA = Set.of(8, 16, 24, 32, 40);

	/** The SQL files with a {@code U} file beside them: not 44, nor any below 41. */
	private static final Set<Integer> UNDONE = Set.of(41, 42, 43, 45, 46, 47, 48, 49, 50);

	private static final SmallsMigration CREATE_TAGS = SqlMigration.sql(51, "create_tags",
			"CREATE TABLE tags (id INT PRIMARY KEY)", "DROP TABLE tags");

	@TempDir
	Path folder;

	private FreshDatabase db;

	private JdbcTemplate jdbc;

	@AfterEach
	void closeDatabase() {
		if (this.db != null) {
			this.db.close();
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void afterAdoptingMigrateRunsNothingAndStatusShowsAllFiftyAppliedWithTheJavaOnesToPort(TestDatabase database)
			throws Exception {
		flywayProject(database);
		SmallsMigrator migrator = migrator();
		AdoptionResult adopted = migrator.adoptFlyway(FlywayAdoption.defaults());
		assertThat(adopted.recorded()).hasSize(50);
		assertThat(adopted.toPort()).hasSize(5)
			.allSatisfy((port) -> assertThat(port).contains("Flyway JDBC migration", "a SmallsMigration bean"));
		assertThat(adopted.nextSequence()).isEqualTo(51);

		assertThat(migrator.migrate().applied()).isEmpty();
		MigrationStatus status = migrator.status();
		assertThat(status.current()).isEqualTo(50);
		assertThat(status.migrations()).hasSize(50)
			.allSatisfy((migration) -> assertThat(migration.state()).isEqualTo(MigrationState.APPLIED))
			.allMatch(MigrationInfo::recordedWithoutRunning);
		assertThat(status.migrations()).filteredOn((migration) -> JAVA.contains(migration.sequence()))
			.extracting(MigrationInfo::origin)
			.allSatisfy((origin) -> assertThat(origin).startsWith("flyway JDBC " + getClass().getName() + "$V"));
		assertThat(status.notes()).singleElement()
			.asString()
			.contains("Adopted from Flyway's Java migrations, not yet ported to smalls: 0008_java_item_8, "
					+ "0016_java_item_16, 0024_java_item_24, 0032_java_item_32, 0040_java_item_40.");
		// The SQL files smalls runs are the ones Flyway ran: the checksum Flyway recorded is theirs.
		SqlFileMigration first = sqlFiles().get(0);
		assertThat(status.migrations().get(0).origin())
			.isEqualTo("flyway SQL V1__create_item_1.sql checksum=" + first.flywayChecksum());
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aMigrateBeforeTheAdoptionIsRefusedAndRunsNothing(TestDatabase database) throws Exception {
		flywayProject(database);
		SmallsMigrator migrator = migrator(CREATE_TAGS);
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("This database was migrated by Flyway (flyway_schema_history records 50 applied "
					+ "changes) and smalls' history is empty")
			.withMessageContaining("Nothing was run.")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("smalls adopt flyway"))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.ADOPTION_REFUSED));
		// Not one V file ran again (each would fail on its existing table, or worse, succeed).
		assertThat(tableExists("tags")).isFalse();
		assertThat(migrator.status().migrations()).filteredOn((migration) -> migration.state() == MigrationState.APPLIED)
			.isEmpty();
		migrator.adoptFlyway(FlywayAdoption.defaults());
		assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(51);
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aNewSmallsMigrationAppliesAndARollbackRunsTheUFilesOfAdoptedSqlMigrations(TestDatabase database)
			throws Exception {
		flywayProject(database);
		migrator().adoptFlyway(FlywayAdoption.defaults());
		SmallsMigrator migrator = migrator(CREATE_TAGS);
		assertThat(migrator.migrate().applied()).extracting(MigrationExecution::displayName)
			.containsExactly("0051_create_tags");
		assertThat(tableExists("tags")).isTrue();

		assertThat(migrator.rollback(44).rolledBack()).extracting(MigrationExecution::sequence)
			.containsExactly(51, 50, 49, 48, 47, 46, 45);
		assertThat(tableExists("tags")).isFalse();
		assertThat(IntStream.rangeClosed(45, 50).filter((n) -> tableExists("item_" + n))).isEmpty();
		assertThat(tableExists("item_44")).isTrue();
		assertThat(migrator.status().current()).isEqualTo(44);

		// The V files run again, now by smalls.
		assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence)
			.containsExactly(45, 46, 47, 48, 49, 50, 51);
		assertThat(IntStream.rangeClosed(45, 50).filter((n) -> !tableExists("item_" + n))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aRollbackReachingASqlFileWithoutAUFileIsRefusedNamingItAndChangesNothing(TestDatabase database)
			throws Exception {
		flywayProject(database);
		migrator().adoptFlyway(FlywayAdoption.defaults());
		SmallsMigrator migrator = migrator(CREATE_TAGS);
		migrator.migrate();
		List<Integer> before = recordedSequences();
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollback(43))
			.withMessageContaining("Cannot roll back to 0043: 0044_create_item_44 cannot be rolled back")
			.withMessageContaining("U44__create_item_44.sql")
			.withMessageContaining("Nothing was rolled back.")
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.IRREVERSIBLE));
		assertThat(recordedSequences()).isEqualTo(before);
		assertThat(tableExists("tags")).isTrue();
		assertThat(IntStream.rangeClosed(41, 50).filter((n) -> !tableExists("item_" + n))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aRollbackReachingAJavaFlywayMigrationIsRefusedNamingItAndChangesNothing(TestDatabase database)
			throws Exception {
		flywayProject(database);
		migrator().adoptFlyway(FlywayAdoption.defaults());
		SmallsMigrator migrator = migrator(CREATE_TAGS);
		migrator.migrate();
		List<Integer> before = recordedSequences();
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollback(39))
			.withMessageContaining("Cannot roll back to 0039: 0040_java_item_40 (flyway JDBC "
					+ V40__Java_item_40.class.getName() + ") was adopted from another tool's history")
			.withMessageContaining("Nothing was rolled back.")
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.NOT_RUN_BY_SMALLS));
		assertThat(recordedSequences()).isEqualTo(before);
		assertThat(tableExists("tags")).isTrue();
		assertThat(IntStream.rangeClosed(40, 50).filter((n) -> !tableExists("item_" + n))).isEmpty();
	}

	/**
	 * The project as Flyway left it: its folder of V and U files, and the database Flyway
	 * migrated. The U files are there when Flyway runs: Flyway 12's community edition resolves
	 * only its V and R prefixes (undo is a paid feature) and leaves U files alone, without a
	 * word; the assertion on its info below shows it applied the 50 and no undo.
	 */
	private void flywayProject(TestDatabase database) throws IOException {
		for (int version = 1; version <= 50; version++) {
			if (!JAVA.contains(version)) {
				write("V" + version + "__create_item_" + version + ".sql",
						"CREATE TABLE item_" + version + " (id INT PRIMARY KEY);\n");
			}
			if (UNDONE.contains(version)) {
				write("U" + version + "__create_item_" + version + ".sql", "DROP TABLE item_" + version + ";\n");
			}
		}
		this.db = database.createFreshDatabase();
		this.jdbc = new JdbcTemplate(this.db.dataSource());
		Flyway flyway = Flyway.configure()
			.dataSource(this.db.dataSource())
			.locations("filesystem:" + this.folder)
			.javaMigrations(new V8__Java_item_8(), new V16__Java_item_16(), new V24__Java_item_24(),
					new V32__Java_item_32(), new V40__Java_item_40())
			.load();
		assertThat(flyway.migrate().migrationsExecuted).isEqualTo(50);
		assertThat(flyway.info().all()).hasSize(50)
			.extracting((info) -> info.getType().name())
			.containsOnly("SQL", "JDBC");
		assertThat(IntStream.rangeClosed(1, 50).filter((n) -> !tableExists("item_" + n))).isEmpty();
	}

	private SmallsMigrator migrator(SmallsMigration... beans) {
		return SmallsMigrator.builder(this.db.dataSource())
			.migrations(beans)
			.sqlLocations("filesystem:" + this.folder)
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

	private List<SqlFileMigration> sqlFiles() {
		return SqlFileMigrations.load(List.of("filesystem:" + this.folder), Map.of(), new DefaultResourceLoader());
	}

	private void write(String name, String sql) throws IOException {
		Files.writeString(this.folder.resolve(name), sql);
	}

	private boolean tableExists(String table) {
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

	/** Creates its table through JDBC, as a Flyway Java migration does. */
	abstract static class JavaItem extends BaseJavaMigration {

		@Override
		public void migrate(Context context) throws Exception {
			int version = Integer.parseInt(getVersion().getVersion());
			try (Statement statement = context.getConnection().createStatement()) {
				statement.execute("CREATE TABLE item_" + version + " (id INT PRIMARY KEY)");
			}
		}

	}

	public static class V8__Java_item_8 extends JavaItem {

	}

	public static class V16__Java_item_16 extends JavaItem {

	}

	public static class V24__Java_item_24 extends JavaItem {

	}

	public static class V32__Java_item_32 extends JavaItem {

	}

	public static class V40__Java_item_40 extends JavaItem {

	}

}
