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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code exit} typed at the Spring Shell prompt of a running web application, on a terminal:
 * the shell closes and says plainly that the application keeps serving, and it does.
 */
class InteractiveShellExitTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void exitClosesTheShellAndSaysThatTheApplicationKeepsServing() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path database = Path.of("target", "one-shot", UUID.randomUUID().toString(), "db").toAbsolutePath();
		Process app = new JavaProcess().property("spring.datasource.url", "jdbc:h2:file:" + database)
			.property("spring.shell.interactive.enabled", "true")
			.property("server.port", String.valueOf(port))
			.startOnATerminal()
			.redirectErrorStream(true)
			.start();
		StringBuffer output = new StringBuffer();
		Thread reader = new Thread(() -> copy(app.getInputStream(), output));
		reader.setDaemon(true);
		reader.start();
		try {
			waitFor(() -> serves(port), "the application serves on port " + port, output);
			waitFor(() -> output.indexOf("$>") >= 0, "the prompt", output);
			// Left open: closing the terminal would hang it up, and the application with it.
			OutputStream input = app.getOutputStream();
			input.write("exit\n".getBytes(StandardCharsets.UTF_8));
			input.flush();
			waitFor(() -> output.indexOf("The shell is closed") >= 0, "the shell says it closed", output);
			assertThat(output.toString()).contains("Exiting the shell")
				.contains("The shell is closed, but the application keeps serving on port " + port
						+ ". Stop it with Ctrl+C.");
			assertThat(app.isAlive()).isTrue();
			assertThat(serves(port)).as("still serving after exit").isTrue();
		}
		finally {
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
			reader.join(5000);
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

	private static void waitFor(BooleanSupplier condition, String what, StringBuffer output)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting for " + what + "; output so far:\n" + output)
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
