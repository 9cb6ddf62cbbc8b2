package dev.smalls.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample, run as the README runs it: {@code java -jar smalls-sample-app.jar},
 * as a server, on a terminal, or once with a smalls command.
 */
final class SampleJar {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SampleJar() {
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * {@code java [jvmOptions] -jar smalls-sample-app.jar [arguments]} in a directory, with a
	 * database of its own there ({@code data/}): the sample's own, beside the jar, would be
	 * shared by every test.
	 */
	static ProcessBuilder command(Path directory, List<String> jvmOptions, String... arguments) {
		List<String> options = new ArrayList<>();
		options.add("-Dsample.data-directory=" + directory.resolve("data"));
		options.addAll(jvmOptions);
		return command(Path.of(System.getProperty("sample.jar")), directory, options, arguments);
	}

	/** {@code java [jvmOptions] -jar <jar> [arguments]} in a directory, as configured. */
	static ProcessBuilder command(Path jar, Path directory, List<String> jvmOptions, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toAbsolutePath().toString());
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).directory(directory.toFile());
	}

	/**
	 * The same command on a pseudo-terminal of its own ({@code script}), as someone typing at
	 * the shell prompt: {@code System.console()} is there.
	 */
	static ProcessBuilder onATerminal(ProcessBuilder command) {
		String line = command.command()
			.stream()
			.map((word) -> "'" + word.replace("'", "'\\''") + "'")
			.collect(Collectors.joining(" "));
		return new ProcessBuilder("script", "--quiet", "--flush", "--return", "--command", line, "/dev/null")
			.directory(command.directory());
	}

	/** Run a smalls command once, to completion. */
	static Run once(Path directory, List<String> jvmOptions, String... command)
			throws IOException, InterruptedException {
		return once(command(directory, jvmOptions, command));
	}

	/** Run a command once, to completion. */
	static Run once(ProcessBuilder command) throws IOException, InterruptedException {
		Process process = command.redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Whether the app answers on a path with 200. The health endpoint is no sign of serving
	 * while the shell prompt is open: the application is not "ready" until its runners,
	 * Spring Shell's prompt among them, are done.
	 */
	static boolean answers(int port, String path) {
		try {
			return get(port, path).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static void waitFor(BooleanSupplier condition, String what, Process process, Path log) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(process.isAlive()).as("the app exited while waiting for " + what + ": " + read(log)).isTrue();
			assertThat(System.nanoTime()).as("waiting for " + what + ": " + read(log)).isLessThan(deadline);
			Thread.sleep(250);
		}
	}

	static String read(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	static void stop(Process process) throws InterruptedException {
		if (process != null) {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	/**
	 * A finished one-shot run.
	 *
	 * @param exitCode its exit code
	 * @param output what it printed
	 */
	record Run(int exitCode, String output) {

		long lines() {
			return this.output.lines().count();
		}

	}

}
