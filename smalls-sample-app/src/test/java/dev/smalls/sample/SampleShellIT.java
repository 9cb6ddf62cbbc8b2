package dev.smalls.sample;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample beside itself, as an operator meets it: one-shot commands next to the
 * running app, and the shell prompt of the running app.
 */
class SampleShellIT {

	private Path workDirectory;

	private Process app;

	@BeforeEach
	void workDirectory() throws Exception {
		this.workDirectory = Files
			.createDirectories(Path.of("target", "e2e-shell", String.valueOf(System.nanoTime())))
			.toAbsolutePath();
	}

	@AfterEach
	void stop() throws Exception {
		SampleJar.stop(this.app);
	}

	@Test
	void aOneShotCommandBesideAnAppHoldingTheH2FileSaysWhatToDoInAFewLines() throws Exception {
		// The sample's own URL shares the file (AUTO_SERVER=TRUE); this one, as many apps have, does not.
		List<String> plainFile = List.of("-Dspring.datasource.url=jdbc:h2:file:./data/plain");
		int port = SampleJar.freePort();
		Path log = this.workDirectory.resolve("app.log");
		this.app = SampleJar.command(this.workDirectory, plainFile, "--server.port=" + port,
				"--spring.shell.interactive.enabled=false")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		SampleJar.waitFor(() -> SampleJar.answers(port, "/todos"), "the app to serve", this.app, log);

		SampleJar.Run status = SampleJar.once(this.workDirectory, plainFile, "smalls", "status");
		assertThat(status.exitCode()).as(status.output()).isEqualTo(1);
		assertThat(status.output()).contains("Error: smalls could not connect to the database: ")
			.contains("What to do: The H2 database file is open in another process")
			.contains(";AUTO_SERVER=TRUE")
			.doesNotContain("\tat ");
		assertThat(status.lines()).as(status.output()).isLessThan(6);
	}

	@Test
	void everyRollbackOfTheSamplePutsTheSchemaBack() throws Exception {
		// What README's CI example runs: the sample's own migrations must pass it.
		SampleJar.Run rehearse = SampleJar.once(this.workDirectory, List.of(), "smalls", "rehearse", "--all");
		assertThat(rehearse.exitCode()).as(rehearse.output()).isZero();
		assertThat(rehearse.output()).contains("Rehearsal is clean: 4 migrations");
	}

	@Test
	void aStrayArgumentIsAUsageErrorThatRunsNothing() throws Exception {
		SampleJar.Run status = SampleJar.once(this.workDirectory, List.of(), "smalls", "status", "extra");
		assertThat(status.exitCode()).as(status.output()).isEqualTo(2);
		assertThat(status.output()).contains("smalls status takes no arguments, but got 'extra' as well.");
	}

	@Test
	void exitAtThePromptOfTheRunningAppClosesTheShellAndSaysTheAppKeepsServing() throws Exception {
		int port = SampleJar.freePort();
		Path log = this.workDirectory.resolve("terminal.log");
		this.app = SampleJar.onATerminal(SampleJar.command(this.workDirectory, List.of(), "--server.port=" + port))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		SampleJar.waitFor(() -> SampleJar.answers(port, "/todos"), "the app to serve", this.app, log);
		SampleJar.waitFor(() -> SampleJar.read(log).contains("$>"), "the prompt", this.app, log);
		// Left open: closing the terminal would hang it up, and the app with it.
		OutputStream terminal = this.app.getOutputStream();
		terminal.write("smalls status\n".getBytes(StandardCharsets.UTF_8));
		terminal.flush();
		SampleJar.waitFor(() -> SampleJar.read(log).contains("Current sequence: 0004"), "the status", this.app, log);
		terminal.write("exit\n".getBytes(StandardCharsets.UTF_8));
		terminal.flush();
		SampleJar.waitFor(() -> SampleJar.read(log).contains("The shell is closed"), "the shell to close", this.app,
				log);
		assertThat(SampleJar.read(log)).contains("The shell is closed, but the application keeps serving on port "
				+ port + ". Stop it with Ctrl+C.");
		assertThat(SampleJar.get(port, "/todos").statusCode()).isEqualTo(200);
	}

}
