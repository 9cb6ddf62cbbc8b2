package dev.smalls.testapp.generate;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.smalls.schema.SchemaSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java ... smalls generate <description>} and {@code smalls generate --check} in a
 * process of their own, as a developer runs them beside the application and CI runs the check:
 * output on stdout and an exit code, even where the application asks Hibernate to validate a
 * schema the model is ahead of.
 */
class GenerateOneShotProcessTests {

	private final Path work = Path.of("target", "generate-one-shot", UUID.randomUUID().toString()).toAbsolutePath();

	/** The application's own configuration asks Hibernate to validate the schema at start-up. */
	private static final String VALIDATING = "-Dspring.config.additional-location=classpath:generate-validate.properties";

	@Test
	void generateRunsOnceWritesTheFileAndExitsWithACodeThatSaysHowItWent() throws Exception {
		Run pending = run(VALIDATING, "smalls", "generate", "add", "bin", "labels");
		assertThat(pending.exitCode()).as(pending.output()).isEqualTo(1);
		assertThat(pending.output()).contains("Error: 1 migration is pending (0001_create_bins)")
			.doesNotContain("\tat ");

		Run migrate = run("-Dspring.jpa.hibernate.ddl-auto=none", "smalls", "migrate");
		assertThat(migrate.exitCode()).as(migrate.output()).isZero();

		Run generate = run(VALIDATING, "smalls", "generate", "add", "bin", "labels");
		assertThat(generate.exitCode()).as(generate.output()).isZero();
		assertThat(generate.output()).contains("Created 0002_add_bin_labels").contains("addColumn bins.label");
		assertThat(this.work.resolve("migrations").resolve("M0002AddBinLabels.java")).exists();
	}

	@Test
	void generateCheckExitsWithThreeWhileTheEntitiesAreAheadAndWithZeroOnceTheyMatchWritingNothing()
			throws Exception {
		Run pending = run(VALIDATING, "smalls", "generate", "--check");
		assertThat(pending.exitCode()).as(pending.output()).isEqualTo(1);
		assertThat(pending.output()).contains("Error: 1 migration is pending (0001_create_bins)")
			.doesNotContain("\tat ");

		Run migrate = run("-Dspring.jpa.hibernate.ddl-auto=none", "smalls", "migrate");
		assertThat(migrate.exitCode()).as(migrate.output()).isZero();
		SchemaSnapshot migrated = snapshot();

		Run ahead = run(VALIDATING, "smalls", "generate", "--check");
		assertThat(ahead.exitCode()).as(ahead.output()).isEqualTo(3);
		assertThat(ahead.output()).startsWith("smalls generate  ")
			.contains("The database does not match the model. Nothing was written (--check).")
			.contains("    addColumn bins.label VARCHAR(40)")
			.doesNotContain("Error:")
			.doesNotContain("\tat ");
		assertThat(this.work.resolve("migrations")).doesNotExist();
		assertThat(snapshot()).isEqualTo(migrated);

		try (Connection connection = connect()) {
			connection.createStatement().execute("ALTER TABLE bins ADD COLUMN label VARCHAR(40)");
		}
		Run matching = run(VALIDATING, "smalls", "generate", "--check");
		assertThat(matching.exitCode()).as(matching.output()).isZero();
		assertThat(matching.output()).contains("The database matches the model: nothing to generate.");
		assertThat(this.work.resolve("migrations")).doesNotExist();
	}

	/** As the application connects: Spring Boot gives no user name when the URL is set. */
	private Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:h2:file:" + this.work.resolve("db"), "", "");
	}

	/** The whole schema, smalls' own tables with it; read with no process of the test running. */
	private SchemaSnapshot snapshot() throws SQLException {
		try (Connection connection = connect()) {
			return SchemaSnapshot.read(connection);
		}
	}

	@Test
	void generateAgainstADatabaseThatIsNotThereAnswersWithTheTwoLinesOfStatus() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		String url = "-Dspring.datasource.url=jdbc:postgresql://127.0.0.1:" + closed + "/nothing";

		Run status = run(url, "smalls", "status");
		Run generate = run(url, "smalls", "generate", "add", "bin", "labels");

		assertThat(status.output()).contains("Error: smalls could not connect to the database: ");
		assertThat(generate.exitCode()).as(generate.output()).isEqualTo(1);
		assertThat(generate.output()).startsWith("smalls generate  ").doesNotContain("\tat ").doesNotContain("Dialect");
		assertThat(generate.lines()).as(generate.output()).containsExactlyElementsOf(status.lines());
	}

	@Test
	void generateBesideAProcessHoldingTheH2FileAnswersWithTheTwoLinesOfStatus() throws Exception {
		try (Connection running = DriverManager.getConnection("jdbc:h2:file:" + this.work.resolve("db"), "sa", "")) {
			Run status = run(VALIDATING, "smalls", "status");
			Run generate = run(VALIDATING, "smalls", "generate", "add", "bin", "labels");

			assertThat(status.output()).contains("What to do: The H2 database file is open in another process");
			assertThat(generate.exitCode()).as(generate.output()).isEqualTo(1);
			assertThat(generate.output()).startsWith("smalls generate  ").doesNotContain("\tat ");
			assertThat(generate.lines()).as(generate.output()).containsExactlyElementsOf(status.lines());
		}
	}

	private Run run(String option, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("-Dspring.datasource.url=jdbc:h2:file:" + this.work.resolve("db"));
		// Last, so that a URL given here replaces the test's own.
		command.add(option);
		command.add("-Dsmalls.create.directory=" + this.work.resolve("migrations"));
		command.add("-Dsmalls.create.package=com.example.migrations");
		command.add(GenerateApplication.class.getName());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	record Run(int exitCode, String output) {

		/** The lines after the header, which says which command ran and when. */
		List<String> lines() {
			return this.output.lines().skip(1).toList();
		}

	}

}
