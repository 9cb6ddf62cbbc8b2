package dev.smalls.sample;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same packaged app on a real PostgreSQL, switched by configuration alone: the
 * {@code postgres} profile and three environment variables.
 */
class SampleAppPostgresIT {

	@Test
	void thePostgresProfileMigratesARealPostgresql() throws Exception {
		Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(tmp.toFile())
			.setDataDirectory(tmp.resolve("pg-" + UUID.randomUUID()))
			.start()) {
			ProcessBuilder builder = new ProcessBuilder(
					ProcessHandle.current().info().command().orElse("java"), "-jar",
					new File(System.getProperty("sample.jar")).getAbsolutePath(), "smalls", "migrate")
				.directory(tmp.toFile())
				.redirectErrorStream(true);
			builder.environment().put("SPRING_PROFILES_ACTIVE", "postgres");
			builder.environment().put("DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"));
			builder.environment().put("DATABASE_USER", "postgres");
			builder.environment().put("DATABASE_PASSWORD", "");
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
			assertThat(output).contains("0003_move_done_to_status ... applied").contains("0004_add_tags ... applied");
			try (var connection = postgres.getPostgresDatabase().getConnection();
					var result = connection.createStatement()
						.executeQuery("SELECT string_agg(name, ',' ORDER BY sequence_no) FROM smalls_history")) {
				result.next();
				assertThat(result.getString(1)).isEqualTo("create_todos,add_priority,move_done_to_status,add_tags");
			}
		}
	}

}
