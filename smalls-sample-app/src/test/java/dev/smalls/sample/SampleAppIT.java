package dev.smalls.sample;

import java.io.File;
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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's walk-through against the packaged jar: start it, read the status, roll back
 * and migrate over HTTP, then run shell commands one-shot beside the running app.
 */
class SampleAppIT {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Path workDirectory;

	private Process app;

	private int port;

	@BeforeEach
	void startTheJar() throws Exception {
		this.workDirectory = Files.createDirectories(Path.of("target", "e2e", String.valueOf(System.nanoTime())))
			.toAbsolutePath();
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		this.app = new ProcessBuilder(java(), "-Dspring.shell.interactive.enabled=false", "-jar", jar(),
				"--server.port=" + this.port)
			.directory(this.workDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.workDirectory.resolve("app.log").toFile())
			.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (true) {
			assertThat(this.app.isAlive()).as("the app exited: " + log()).isTrue();
			try {
				if (get("/actuator/health").statusCode() == 200) {
					break;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			assertThat(System.nanoTime()).as("the app did not start in 90 s: " + log()).isLessThan(deadline);
			Thread.sleep(250);
		}
	}

	@AfterEach
	void stop() throws Exception {
		if (this.app != null) {
			this.app.destroy();
			if (!this.app.waitFor(20, TimeUnit.SECONDS)) {
				this.app.destroyForcibly();
			}
		}
	}

	@Test
	void theWalkThroughWorksAsTheReadmeSays() throws Exception {
		HttpResponse<String> status = get("/actuator/smalls");
		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.body()).contains("\"current\":3").contains("\"pending\":0").contains("move_done_to_status");
		assertThat(get("/todos").body()).isEqualTo("[]");

		HttpResponse<String> anonymous = post("/actuator/smalls/rollback", "{\"to\": 1}", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);

		HttpResponse<String> rollback = post("/actuator/smalls/rollback", "{\"to\": 1}", "admin:admin");
		assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
		assertThat(rollback.body()).contains("\"current\":1").contains("move_done_to_status").contains("add_priority");

		HttpResponse<String> migrate = post("/actuator/smalls/migrate", "{}", "admin:admin");
		assertThat(migrate.statusCode()).as(migrate.body()).isEqualTo(200);
		assertThat(migrate.body()).contains("\"current\":3");

		HttpResponse<String> bad = post("/actuator/smalls/rollback", "{\"to\": 7}", "admin:admin");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("Cannot roll back to 0007");

		Shell statusCommand = shell("smalls", "status");
		assertThat(statusCommand.exitCode()).as(statusCommand.output()).isZero();
		assertThat(statusCommand.output()).containsPattern("0003\\s+move_done_to_status\\s+APPLIED");

		Shell seed = shell("smalls", "seed");
		assertThat(seed.exitCode()).as(seed.output()).isZero();
		assertThat(get("/todos").body()).contains("Read the smalls README").contains("\"STATUS\":\"done\"");

		Shell history = shell("smalls", "history");
		assertThat(history.exitCode()).isZero();
		assertThat(history.output()).containsPattern("2\\s+0003_move_done_to_status");

		Path migrations = this.workDirectory.resolve("smalls-sample-app/src/main/java/dev/smalls/sample/migrations");
		Shell elsewhere = shell("smalls", "create", "add", "due", "date");
		assertThat(elsewhere.exitCode()).as(elsewhere.output()).isEqualTo(1);
		assertThat(elsewhere.output()).contains("smalls create writes new migrations to " + migrations)
			.contains("Run smalls create from the project's root directory");
		assertThat(this.workDirectory.resolve("smalls-sample-app")).doesNotExist();

		// From the repository root, where the sample's sources are.
		Files.createDirectories(migrations.getParent());
		Shell create = shell("smalls", "create", "add", "due", "date");
		assertThat(create.exitCode()).as(create.output()).isZero();
		Path created = migrations.resolve("M0004AddDueDate.java");
		assertThat(create.output()).contains("Created 0004_add_due_date in " + created);
		assertThat(created).exists();
		assertThat(Files.readString(created)).contains("package dev.smalls.sample.migrations;").contains("return 4;");

		Shell wrong = shell("smalls", "rollback", "0009");
		assertThat(wrong.exitCode()).isEqualTo(1);
		assertThat(wrong.output()).contains("Error: Cannot roll back to 0009");
	}

	private Shell shell(String... command) throws Exception {
		List<String> line = new ArrayList<>(List.of(java(), "-jar", jar()));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).directory(this.workDirectory.toFile())
			.redirectErrorStream(true)
			.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
		return new Shell(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body, String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private String log() {
		try {
			return Files.readString(this.workDirectory.resolve("app.log"));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	private static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static String jar() {
		return new File(System.getProperty("sample.jar")).getAbsolutePath();
	}

	record Shell(int exitCode, String output) {
	}

}
