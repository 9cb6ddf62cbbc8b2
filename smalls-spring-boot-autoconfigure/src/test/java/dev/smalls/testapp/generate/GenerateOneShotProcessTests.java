package dev.smalls.testapp.generate;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java ... smalls generate <description>} in a process of its own, as a developer runs
 * it beside the application: output on stdout and an exit code, even where the application
 * asks Hibernate to validate a schema the model is ahead of.
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
