package dev.smalls.oneshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Shell prompt of a running web application, on a terminal: {@code exit} closes the
 * shell and says plainly that the application keeps serving, and it does.
 */
class InteractiveShellTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final StringBuffer output = new StringBuffer();

	private Process app;

	private Thread reader;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.app != null) {
			this.app.destroy();
			if (!this.app.waitFor(20, TimeUnit.SECONDS)) {
				this.app.destroyForcibly();
			}
			this.reader.join(5000);
		}
	}

	@Test
	void exitClosesTheShellAndSaysThatTheApplicationKeepsServing() throws Exception {
		int port = freePort();
		start(new JavaProcess().property("server.port", String.valueOf(port)));
		waitFor(() -> serves(port), "the application serves on port " + port);
		waitFor(() -> this.output.indexOf("$>") >= 0, "the prompt");
		// Left open: closing the terminal would hang it up, and the application with it.
		OutputStream input = this.app.getOutputStream();
		input.write("exit\n".getBytes(StandardCharsets.UTF_8));
		input.flush();
		waitFor(() -> this.output.indexOf("The shell is closed") >= 0, "the shell says it closed");
		assertThat(this.output.toString()).contains("Exiting the shell")
			.contains("The shell is closed, but the application keeps serving on port " + port
					+ ". Stop it with Ctrl+C.");
		assertThat(this.app.isAlive()).isTrue();
		assertThat(serves(port)).as("still serving after exit").isTrue();
	}

	@Test
	void springOptionsOnTheCommandLineAreNotArgumentsThatTheShellSaysItIgnores() throws Exception {
		start(new JavaProcess(), "--server.port=" + freePort(), "--spring.main.banner-mode=off");
		waitFor(() -> this.output.indexOf("$>") >= 0, "the prompt");
		assertThat(this.output.toString()).doesNotContain("arguments will be ignored");
	}

	private void start(JavaProcess process, String... arguments) throws IOException {
		Path database = Path.of("target", "one-shot", UUID.randomUUID().toString(), "db").toAbsolutePath();
		this.app = process.property("spring.datasource.url", "jdbc:h2:file:" + database)
			.property("spring.shell.interactive.enabled", "true")
			.startOnATerminal(arguments)
			.redirectErrorStream(true)
			.start();
		this.reader = new Thread(() -> copy(this.app.getInputStream(), this.output));
		this.reader.setDaemon(true);
		this.reader.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private boolean serves(int port) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() > 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting for " + what + "; output so far:\n" + this.output)
				.isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	private static void copy(InputStream in, StringBuffer output) {
		byte[] buffer = new byte[8192];
		try {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

}
