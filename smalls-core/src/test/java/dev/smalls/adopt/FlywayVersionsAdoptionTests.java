package dev.smalls.adopt;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.AdoptionResult;
import dev.smalls.FlywayAdoption;
import dev.smalls.MigrationExecution;
import dev.smalls.MigrationInfo;
import dev.smalls.MigrationState;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.SqlFileMigration;
import dev.smalls.SqlFileMigrations;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Issue 20: {@code smalls adopt flyway} reads the history that Flyway 9, 10 and 11 wrote, not
 * only Flyway 12's ({@link FlywayAdoptionTests}). Each version is the real Flyway: the test
 * class path has Flyway 12, so each older one runs its {@code migrate} in a JVM of its own
 * ({@code FlywayRunner.java} in the test resources, run by Java's single-file source launcher)
 * on the jars Maven copies into {@code target/flyway-versions/<version>/} (smalls-core's POM,
 * execution "flyway-versions"), with the test's own JDBC drivers. Then smalls adopts that
 * history from the same SQL folder: the versioned files are recorded as applied and checked
 * against the checksums that version of Flyway recorded, the repeatable one is reported, a
 * migrate re-runs nothing, and a new file applies. The rows Flyway adds of its own are read too:
 * its baseline ({@code << Flyway Baseline >>}), the schema it created
 * ({@code << Flyway Schema Creation >>}, installed rank 0) and, on H2, the table it created
 * ({@code << Flyway Schema History table created >>}, installed rank -1). On H2 (a file
 * database, which both JVMs open in turn) and PostgreSQL.
 * <p>
 * Flyway 9.22 warns that H2 2.4 is newer than the H2 it was tested with (2.2.220), and runs.
 */
class FlywayVersionsAdoptionTests {

	/** The Flyway versions whose histories are read: Flyway 12's are in {@link FlywayAdoptionTests}. */
	private static final List<String> FLYWAY_VERSIONS = List.of("9.22.3", "10.22.0", "11.14.1");

	private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target").toAbsolutePath();

	private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);

	static Stream<Arguments> versionsAndDatabases() {
		return FLYWAY_VERSIONS.stream()
			.flatMap((version) -> Stream.of(TestDatabase.H2, TestDatabase.POSTGRESQL)
				.map((database) -> Arguments.of(version, database)));
	}

	@ParameterizedTest(name = "Flyway {0} on {1}")
	@MethodSource("versionsAndDatabases")
	void afterAdoptingMigrateRunsNothingAgainAndANewFileApplies(String flywayVersion, TestDatabase database)
			throws Exception {
		Path work = workFolder(flywayVersion, database);
		// Flyway reads both folders; smalls only the versioned one, since it refuses a folder with
		// an R__ file (it has no repeatable migrations: a project turns them into V files).
		Path versioned = Files.createDirectories(work.resolve("versioned"));
		Path repeatable = Files.createDirectories(work.resolve("repeatable"));
		writePeople(versioned, repeatable);

		try (FreshDatabase db = migrateWithFlyway(flywayVersion, database, work, null,
				versioned + "," + repeatable)) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM people_view", Integer.class)).isEqualTo(1);
			assertThat(flywayRows(db, null))
				.containsExactlyElementsOf(tableRow(database, "1 SQL", "2 SQL", "3 SQL", "4 SQL"));

			SmallsMigrator migrator = migrator(db, versioned);
			AdoptionResult result = migrator.adoptFlyway(FlywayAdoption.defaults());
			// The checksum each Flyway version recorded is the one smalls computes for the file.
			assertThat(result.recorded()).extracting(MigrationInfo::displayName, MigrationInfo::origin)
				.containsExactly(tuple("0001_create_people", origin(versioned, "V1__create_people.sql")),
						tuple("0002_add_email", origin(versioned, "V2__add_email.sql")),
						tuple("0003_seed", origin(versioned, "V3__seed.sql")));
			assertThat(result.notes()).singleElement()
				.asString()
				.contains("repeatable migration", "R__people_view.sql");
			assertThat(result.toPort()).isEmpty();
			assertThat(result.nextSequence()).isEqualTo(4);

			assertThat(migrator.migrate().applied()).isEmpty();
			assertThat(migrator.status().migrations()).extracting(MigrationInfo::sequence, MigrationInfo::state)
				.containsExactly(tuple(1, MigrationState.APPLIED), tuple(2, MigrationState.APPLIED),
						tuple(3, MigrationState.APPLIED));
			assertThat(migrator.status().migrations()).allMatch(MigrationInfo::recordedWithoutRunning);

			write(versioned, "V4__add_phone.sql", "ALTER TABLE people ADD phone VARCHAR(50);\n");
			SmallsMigrator next = migrator(db, versioned);
			assertThat(next.migrate().applied()).extracting(MigrationExecution::displayName)
				.containsExactly("0004_add_phone");
			assertThat(next.status().migrations()).extracting(MigrationInfo::sequence, MigrationInfo::state)
				.containsExactly(tuple(1, MigrationState.APPLIED), tuple(2, MigrationState.APPLIED),
						tuple(3, MigrationState.APPLIED), tuple(4, MigrationState.APPLIED));
			assertThat(jdbc.queryForObject(
					"SELECT COUNT(*) FROM people WHERE phone IS NULL AND email = 'ada@example.com'", Integer.class))
				.isEqualTo(1);
		}
	}

	@ParameterizedTest(name = "Flyway {0} on {1}")
	@MethodSource("versionsAndDatabases")
	void aFlywayBaselineBecomesASmallsBaseline(String flywayVersion, TestDatabase database) throws Exception {
		Path work = workFolder(flywayVersion, database);
		Path versioned = Files.createDirectories(work.resolve("versioned"));
		write(versioned, "V3__create_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n");
		// A schema made before Flyway: its migrate records a baseline at version 2, then runs V3.
		try (FreshDatabase db = migrateWithFlyway(flywayVersion, database, work,
				"CREATE TABLE legacy (id INT PRIMARY KEY)", versioned.toString(), "baselineOnMigrate=true",
				"baselineVersion=2")) {
			assertThat(flywayRows(db, null)).containsExactlyElementsOf(tableRow(database, "1 BASELINE", "2 SQL"));
			SmallsMigrator migrator = migrator(db, versioned);
			assertThat(migrator.adoptFlyway(FlywayAdoption.defaults()).recorded())
				.extracting(MigrationInfo::displayName, MigrationInfo::origin)
				.containsExactly(tuple("0002_flyway_baseline", "baseline flyway V2 << Flyway Baseline >>"),
						tuple("0003_create_notes", origin(versioned, "V3__create_notes.sql")));
			assertThat(migrator.migrate().applied()).isEmpty();

			write(versioned, "V4__add_note_text.sql", "ALTER TABLE notes ADD note_text VARCHAR(200);\n");
			write(versioned, "U4__add_note_text.sql", "ALTER TABLE notes DROP COLUMN note_text;\n");
			SmallsMigrator next = migrator(db, versioned);
			assertThat(next.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(4);
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> next.rollback(0))
				.withMessageContaining("0002_flyway_baseline is a baseline (baseline flyway V2");
			assertThat(next.rollback(3).rolledBack()).extracting(MigrationExecution::sequence).containsExactly(4);
		}
	}

	@ParameterizedTest(name = "Flyway {0} on {1}")
	@MethodSource("versionsAndDatabases")
	void aHistoryInASchemaFlywayCreatedIsAdopted(String flywayVersion, TestDatabase database) throws Exception {
		Path work = workFolder(flywayVersion, database);
		Path versioned = Files.createDirectories(work.resolve("versioned"));
		Path repeatable = Files.createDirectories(work.resolve("repeatable"));
		writePeople(versioned, repeatable);
		// Flyway creates the schema, and records that it did, in the history in that schema.
		try (FreshDatabase db = migrateWithFlyway(flywayVersion, database, work, null,
				versioned + "," + repeatable, "schemas=app")) {
			assertThat(flywayRows(db, "app"))
				.containsExactlyElementsOf(tableRow(database, "0 SCHEMA", "1 SQL", "2 SQL", "3 SQL", "4 SQL"));
			SmallsMigrator migrator = migrator(db, versioned);
			AdoptionResult result = migrator
				.adoptFlyway(FlywayAdoption.defaults().withTable(FlywayAdoption.DEFAULT_TABLE, "app"));
			assertThat(result.recorded()).extracting(MigrationInfo::displayName)
				.containsExactly("0001_create_people", "0002_add_email", "0003_seed");
			// The schema's row is no migration, nor a note: only the repeatable migration is one.
			assertThat(result.notes()).singleElement().asString().contains("R__people_view.sql");
			assertThat(migrator.migrate().applied()).isEmpty();
			assertThat(migrator.status().migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.APPLIED);
		}
	}

	private static Path workFolder(String flywayVersion, TestDatabase database) {
		return TARGET.resolve("flyway-versions-work")
			.resolve(flywayVersion + "-" + database.name().toLowerCase(Locale.ROOT) + "-"
					+ UUID.randomUUID().toString().substring(0, 8));
	}

	private static void writePeople(Path versioned, Path repeatable) throws IOException {
		write(versioned, "V1__create_people.sql", "CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(100));\n");
		write(versioned, "V2__add_email.sql", "ALTER TABLE people ADD email VARCHAR(200);\n");
		write(versioned, "V3__seed.sql",
				"INSERT INTO people (id, name, email) VALUES (1, 'ada', 'ada@example.com');\n");
		write(repeatable, "R__people_view.sql", "CREATE OR REPLACE VIEW people_view AS SELECT id, name FROM people;\n");
	}

	/**
	 * What Flyway wrote, so that each test shows the rows it reads: each row's installed rank and
	 * type, in order.
	 */
	private static List<String> flywayRows(FreshDatabase db, @Nullable String schema) {
		String table = ((schema != null) ? "\"" + schema + "\"." : "") + "\"flyway_schema_history\"";
		return new JdbcTemplate(db.dataSource()).query(
				"SELECT \"installed_rank\", \"type\" FROM " + table + " ORDER BY \"installed_rank\"",
				(rs, row) -> rs.getInt(1) + " " + rs.getString(2));
	}

	/**
	 * The rows Flyway writes, after the one on H2 only for the table it created (Flyway's H2
	 * support writes it with the table, as H2 cannot lock an empty table).
	 */
	private static List<String> tableRow(TestDatabase database, String... rows) {
		List<String> all = new ArrayList<>();
		if (database == TestDatabase.H2) {
			all.add("-1 TABLE");
		}
		all.addAll(List.of(rows));
		return all;
	}

	/** The origin smalls records for a SQL file Flyway ran, with the checksum smalls computes for it. */
	private static String origin(Path folder, String fileName) {
		SqlFileMigration file = SqlFileMigrations
			.load(List.of("filesystem:" + folder), Map.of(), new DefaultResourceLoader())
			.stream()
			.filter((migration) -> migration.location().endsWith("/" + fileName))
			.findFirst()
			.orElseThrow();
		return "flyway SQL " + fileName + " checksum=" + file.flywayChecksum();
	}

	/**
	 * Run that Flyway version's migrate on a new database, in a JVM of its own.
	 * @param before SQL to run on the database first, if any
	 * @param settings Flyway's settings, {@code name=value}
	 * @return the database, once Flyway is done with it
	 */
	private static FreshDatabase migrateWithFlyway(String flywayVersion, TestDatabase database, Path work,
			@Nullable String before, String locations, String... settings) throws Exception {
		if (database == TestDatabase.H2) {
			// H2 opens a file database in one process at a time: each JVM closes its last connection
			// (which closes the database) before the next opens it, and the pool is made last.
			String url = "jdbc:h2:file:" + work.resolve("h2");
			if (before != null) {
				try (Connection connection = DriverManager.getConnection(url, "sa", "");
						Statement statement = connection.createStatement()) {
					statement.execute(before);
				}
			}
			runFlyway(flywayVersion, url, "sa", "", locations, settings, work);
			return TestDatabase.pooledFor(url, "sa", "");
		}
		FreshDatabase db = database.createFreshDatabase();
		try {
			if (before != null) {
				new JdbcTemplate(db.dataSource()).execute(before);
			}
			runFlyway(flywayVersion, db.url(), db.username(), db.password(), locations, settings, work);
			return db;
		}
		catch (Exception | AssertionError ex) {
			db.close();
			throw ex;
		}
	}

	private static void runFlyway(String flywayVersion, String url, String user, String password, String locations,
			String[] settings, Path work) throws Exception {
		Path jars = TARGET.resolve("flyway-versions").resolve(flywayVersion);
		if (!Files.isDirectory(jars)) {
			fail("No Flyway " + flywayVersion + " jars in " + jars + ": Maven copies them there in the phase "
					+ "process-test-resources (smalls-core's POM, execution \"flyway-versions\"); run the tests "
					+ "through Maven, or mvn process-test-resources once");
		}
		String classPath = String.join(File.pathSeparator, jars.resolve("*").toString(), jarOf(org.h2.Driver.class),
				jarOf(org.postgresql.Driver.class));
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath, runner().toString(), url, user,
				password.isEmpty() ? "-" : password, locations));
		command.addAll(List.of(settings));
		Path log = work.resolve("flyway-" + flywayVersion + ".log");
		Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				fail("Flyway " + flywayVersion + " did not finish its migrate in " + CHILD_TIMEOUT.toSeconds()
						+ " s. Its output:\n" + Files.readString(log, StandardCharsets.UTF_8));
			}
		}
		finally {
			child.destroyForcibly();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		if (child.exitValue() != 0) {
			fail("Flyway " + flywayVersion + "'s migrate exited with " + child.exitValue() + ". Its output:\n"
					+ output);
		}
		// The version that ran is the one asked for, not another on the class path.
		assertThat(output).as(output).contains("FLYWAY " + flywayVersion + " on ", "success=true");
	}

	private static Path runner() throws URISyntaxException {
		return Path.of(FlywayVersionsAdoptionTests.class.getResource("/flyway-versions/FlywayRunner.java").toURI());
	}

	private static String jarOf(Class<?> type) throws URISyntaxException {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
	}

	private static SmallsMigrator migrator(FreshDatabase db, Path sqlFolder) {
		return SmallsMigrator.builder(db.dataSource())
			.sqlLocations("filesystem:" + sqlFolder)
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

	private static void write(Path folder, String name, String sql) throws IOException {
		Files.writeString(folder.resolve(name), sql);
	}

}
