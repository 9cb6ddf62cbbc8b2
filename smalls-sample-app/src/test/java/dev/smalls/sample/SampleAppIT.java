package dev.smalls.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

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
		this.port = SampleJar.freePort();
		Path log = this.workDirectory.resolve("app.log");
		this.app = SampleJar
			.command(this.workDirectory, List.of("-Dspring.shell.interactive.enabled=false"),
					"--server.port=" + this.port)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		SampleJar.waitFor(() -> SampleJar.answers(this.port, "/actuator/health"), "the app to be healthy", this.app,
				log);
	}

	@AfterEach
	void stop() throws Exception {
		SampleJar.stop(this.app);
	}

	@Test
	void theWalkThroughWorksAsTheReadmeSays() throws Exception {
		HttpResponse<String> status = get("/actuator/smalls");
		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.body()).contains("\"current\":4").contains("\"pending\":0").contains("move_done_to_status")
			.contains("add_tags");
		assertThat(get("/todos").body()).isEqualTo("[]");

		HttpResponse<String> anonymous = post("/actuator/smalls/rollback", "{\"to\": 1}", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);

		HttpResponse<String> rollback = post("/actuator/smalls/rollback", "{\"to\": 1}", "admin:admin");
		assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
		assertThat(rollback.body()).contains("\"current\":1").contains("add_tags").contains("move_done_to_status")
			.contains("add_priority");

		HttpResponse<String> migrate = post("/actuator/smalls/migrate", "{}", "admin:admin");
		assertThat(migrate.statusCode()).as(migrate.body()).isEqualTo(200);
		assertThat(migrate.body()).contains("\"current\":4");

		HttpResponse<String> bad = post("/actuator/smalls/rollback", "{\"to\": 7}", "admin:admin");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("Cannot roll back to 0007");

		HttpResponse<String> misspelled = post("/actuator/smalls/rollback", "{\"to\": 1, \"batchez\": 1}",
				"admin:admin");
		assertThat(misspelled.statusCode()).isEqualTo(400);
		assertThat(misspelled.body()).contains("Unknown key 'batchez'");

		String lastBatchAt4 = "{\"batches\": 1, \"expected\": 4}";
		HttpResponse<String> once = post("/actuator/smalls/rollback", lastBatchAt4, "admin:admin");
		assertThat(once.statusCode()).as(once.body()).isEqualTo(200);
		assertThat(once.body()).contains("\"current\":1");
		HttpResponse<String> retried = post("/actuator/smalls/rollback", lastBatchAt4, "admin:admin");
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(409);
		assertThat(retried.body()).contains("not at 0004 as the request expected");
		assertThat(post("/actuator/smalls/migrate", "{\"expected\": 1}", "admin:admin").body())
			.contains("\"current\":4");

		SampleJar.Run statusCommand = shell("smalls", "status");
		assertThat(statusCommand.exitCode()).as(statusCommand.output()).isZero();
		assertThat(statusCommand.output()).containsPattern("0003\\s+move_done_to_status\\s+APPLIED")
			.containsPattern("0004\\s+add_tags\\s+APPLIED");

		SampleJar.Run seed = shell("smalls", "seed");
		assertThat(seed.exitCode()).as(seed.output()).isZero();
		assertThat(get("/todos").body()).contains("Read the smalls README").contains("\"STATUS\":\"done\"");

		SampleJar.Run history = shell("smalls", "history");
		assertThat(history.exitCode()).isZero();
		assertThat(history.output()).containsPattern("2\\s+0003_move_done_to_status");

		// The entities match what the migrations made, the schema migration's tags included.
		SampleJar.Run generate = shell("smalls", "generate", "check", "the", "model");
		assertThat(generate.exitCode()).as(generate.output()).isZero();
		assertThat(generate.output()).contains("The database matches the model: nothing to generate.");

		Path migrations = this.workDirectory.resolve("smalls-sample-app/src/main/java/dev/smalls/sample/migrations");
		SampleJar.Run elsewhere = shell("smalls", "create", "add", "due", "date");
		assertThat(elsewhere.exitCode()).as(elsewhere.output()).isEqualTo(1);
		assertThat(elsewhere.output()).contains("New migrations are written to " + migrations)
			.contains("Run the command from the project's root directory");
		assertThat(this.workDirectory.resolve("smalls-sample-app")).doesNotExist();

		// From the repository root, where the sample's sources are.
		Files.createDirectories(migrations.getParent());
		SampleJar.Run create = shell("smalls", "create", "add", "due", "date");
		assertThat(create.exitCode()).as(create.output()).isZero();
		Path created = migrations.resolve("M0005AddDueDate.java");
		assertThat(create.output()).contains("Created 0005_add_due_date in " + created);
		assertThat(created).exists();
		assertThat(Files.readString(created)).contains("package dev.smalls.sample.migrations;").contains("return 5;");

		SampleJar.Run wrong = shell("smalls", "rollback", "0009");
		assertThat(wrong.exitCode()).isEqualTo(1);
		assertThat(wrong.output()).contains("Error: Cannot roll back to 0009");

		// A mistyped command lists every command the application has, generate among them.
		SampleJar.Run typo = shell("smalls", "genrate", "add", "due", "date");
		assertThat(typo.exitCode()).isEqualTo(2);
		assertThat(typo.output()).contains("Error: unknown command 'smalls genrate add due date'")
			.contains("smalls generate <description words>")
			.contains("smalls lock");
	}

	private SampleJar.Run shell(String... command) throws Exception {
		return SampleJar.once(this.workDirectory, List.of(), command);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return SampleJar.get(this.port, path);
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

}
