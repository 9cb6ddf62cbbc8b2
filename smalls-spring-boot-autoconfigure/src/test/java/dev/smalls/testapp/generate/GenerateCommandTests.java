package dev.smalls.testapp.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;

import dev.smalls.SmallsMigrator;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.shell.ShellSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code smalls generate} typed into the shell of a JPA application: parsed and run by the
 * shell, its output read back.
 */
@SpringBootTest(classes = GenerateApplication.class,
		properties = { "spring.datasource.url=jdbc:h2:mem:generate-command;DB_CLOSE_DELAY=-1",
				"spring.jpa.hibernate.ddl-auto=none", "spring.shell.interactive.enabled=false",
				"smalls.create.directory=target/generate-command-tests",
				"smalls.create.package=com.example.migrations" })
class GenerateCommandTests {

	private static final Path DIRECTORY = Path.of("target", "generate-command-tests");

	@Autowired
	private CommandParser parser;

	@Autowired
	private CommandRegistry registry;

	@Autowired
	private SmallsMigrator migrator;

	@Autowired
	private JdbcTemplate jdbc;

	private ShellSession shell;

	private int lastExitCode;

	private String lastDescription;

	@BeforeEach
	void emptyDatabaseAndDirectory() throws IOException {
		this.jdbc.execute("DROP ALL OBJECTS");
		if (Files.isDirectory(DIRECTORY)) {
			try (Stream<Path> files = Files.walk(DIRECTORY)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
		this.shell = new ShellSession(this.parser, this.registry);
	}

	private String send(String command) throws Exception {
		ShellSession.Result result = this.shell.send(command);
		this.lastExitCode = result.exitCode();
		this.lastDescription = result.description();
		return result.output();
	}

	@Test
	void generateWritesTheNextMigrationAndListsItsOperations() throws Exception {
		this.migrator.migrate();

		String output = send("smalls generate add bin labels");

		assertThat(output).startsWith("smalls generate  ")
			.contains("Created 0002_add_bin_labels in " + DIRECTORY.toAbsolutePath().normalize().resolve("M0002AddBinLabels.java"))
			.contains("addColumn bins.label VARCHAR(40)")
			.contains("Read it, build the application, then run: smalls migrate");
		assertThat(DIRECTORY.resolve("M0002AddBinLabels.java")).exists();
	}

	@Test
	void generateWithPendingMigrationsRefusesAndSaysWhatToDo() throws Exception {
		String output = send("smalls generate add bin labels");

		assertThat(output).contains("Error: 1 migration is pending (0001_create_bins)")
			.contains("What to do: Build and apply it first (smalls migrate)");
		assertThat(DIRECTORY).doesNotExist();
		assertThat(this.lastExitCode).isEqualTo(1);
	}

	@Test
	void generateIgnoringPendingMigrationsWritesWhatTheDatabaseLacksNow() throws Exception {
		String output = send("smalls generate create bins --ignore-pending");

		assertThat(output).contains("Created 0002_create_bins")
			.contains("createTable bins (id BIGINT PRIMARY KEY, label VARCHAR(40))");
	}

	@Test
	void generateWhenTheDatabaseMatchesSaysSoAndWritesNothing() throws Exception {
		this.migrator.migrate();
		this.jdbc.execute("ALTER TABLE bins ADD COLUMN label VARCHAR(40)");

		assertThat(send("smalls generate anything")).contains("The database matches the model: nothing to generate.");
		assertThat(DIRECTORY).doesNotExist();
	}

	@Test
	void generateWithOnlyDropsWritesNothingAndNamesTheFlagThatWould() throws Exception {
		this.migrator.migrate();
		this.jdbc.execute("ALTER TABLE bins ADD COLUMN label VARCHAR(40)");
		this.jdbc.execute("ALTER TABLE bins ADD COLUMN junk INTEGER");

		String output = send("smalls generate drop junk");

		assertThat(output).contains("Nothing written: what differs would only drop data.")
			.contains("dropColumn bins.junk")
			.contains("To write them, run smalls generate drop junk --allow-drop");
		assertThat(DIRECTORY).doesNotExist();
	}

	@Test
	void generateWithAllowDropWritesTheDrop() throws Exception {
		this.migrator.migrate();
		this.jdbc.execute("ALTER TABLE bins ADD COLUMN label VARCHAR(40)");
		this.jdbc.execute("ALTER TABLE bins ADD COLUMN junk INTEGER");

		assertThat(send("smalls generate drop junk --allow-drop")).contains("Created 0002_drop_junk")
			.contains("dropColumn bins.junk");
	}

	@Test
	void generateCheckListsWhatGenerateWouldWriteWritesNothingAndEndsWithThree() throws Exception {
		this.migrator.migrate();
		this.jdbc.execute("ALTER TABLE bins ADD COLUMN junk INTEGER");
		SchemaSnapshot before = SchemaSnapshot.read(this.jdbc);

		String output = send("smalls generate --check");

		assertThat(output).startsWith("smalls generate  ")
			.contains("The database does not match the model. Nothing was written (--check).")
			.contains("smalls generate would write:\n    addColumn bins.label VARCHAR(40)")
			.contains("Not written, as they drop data (they would be at the end of the file, commented out):\n"
					+ "    dropColumn bins.junk")
			.contains("To write the migration, run: smalls generate <description> (with --allow-drop to write the "
					+ "drops too), then build the application and run: smalls migrate")
			.doesNotContain("Error:");
		assertThat(this.lastExitCode).isEqualTo(3);
		assertThat(this.lastDescription).isEqualTo("smalls generate ran to the end and found what is listed above "
				+ "(exit code 3, which stops a CI gate).");
		assertThat(DIRECTORY).doesNotExist();
		assertThat(SchemaSnapshot.read(this.jdbc)).isEqualTo(before);
	}

	@Test
	void generateCheckWhenTheDatabaseMatchesSaysSoAndEndsWithZero() throws Exception {
		this.migrator.migrate();
		this.jdbc.execute("ALTER TABLE bins ADD COLUMN label VARCHAR(40)");

		assertThat(send("smalls generate --check")).contains("The database matches the model: nothing to generate.")
			.doesNotContain("Error:");
		assertThat(this.lastExitCode).isZero();
		assertThat(DIRECTORY).doesNotExist();
	}

	@Test
	void generateCheckWithPendingMigrationsRefusesAndSaysToApplyThemFirst() throws Exception {
		SchemaSnapshot before = SchemaSnapshot.read(this.jdbc);

		String output = send("smalls generate --check");

		assertThat(output).contains("Error: 1 migration is pending (0001_create_bins): the database is not yet as the "
				+ "migrations leave it")
			.contains("What to do: Apply it first (smalls migrate;");
		assertThat(this.lastExitCode).isEqualTo(1);
		assertThat(SchemaSnapshot.read(this.jdbc)).isEqualTo(before);
	}

	@Test
	void generateCheckIgnoringPendingMigrationsSaysTheyAreNotCounted() throws Exception {
		String output = send("smalls generate --check --ignore-pending");

		assertThat(output).contains("Compared with the database as it is (--ignore-pending): 1 migration is pending "
				+ "(0001_create_bins), and what it does is not counted.")
			.contains("createTable bins (id BIGINT PRIMARY KEY, label VARCHAR(40))");
		assertThat(this.lastExitCode).isEqualTo(3);
		assertThat(DIRECTORY).doesNotExist();
	}

	@Test
	void generateCheckWithADescriptionIsRefusedAsAWrongCommandLine() throws Exception {
		this.migrator.migrate();

		assertThat(send("smalls generate --check add labels"))
			.contains("Error: --check writes nothing, so it takes no description: smalls generate --check.");
		assertThat(this.lastExitCode).isEqualTo(2);
	}

	@Test
	void generateWithoutADescriptionSaysHowToUseIt() throws Exception {
		this.migrator.migrate();

		assertThat(send("smalls generate")).contains("Error: Say what the migration does")
			.contains("smalls generate <description words> [--allow-drop] [--ignore-pending]");
	}

}
