package dev.smalls.aot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as {@code process-aot} built it: started from its AOT-generated code, it
 * migrates; and the native-image metadata the build wrote keeps smalls' scripts.
 */
class AotApplicationIT {

	@Test
	void theAotProcessedApplicationMigratesOnStartUp() throws Exception {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-jar", System.getProperty("aot.jar"))
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the application exits").isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("aot=true")
			.contains("Applied 2 migration(s) in batch 1; current sequence 0002")
			.contains("current=2")
			.contains("greetings=[hello, from the seed script]");
	}

	@Test
	void theNativeImageMetadataKeepsTheDefaultAndTheConfiguredScripts() throws IOException {
		// JSON may escape the slashes.
		String metadata = nativeImageMetadata().replace("\\/", "/");
		assertThat(metadata).contains("\"smalls/init.sql\"")
			.contains("\"smalls/seed.sql\"")
			.contains("\"db/seed/greetings.sql\"");
	}

	private static String nativeImageMetadata() throws IOException {
		Path nativeImage = Path.of(System.getProperty("aot.classes"), "META-INF", "native-image");
		try (Stream<Path> files = Files.walk(nativeImage)) {
			List<Path> json = files.filter((file) -> file.toString().endsWith(".json")).toList();
			assertThat(json).as("native-image metadata under " + nativeImage).isNotEmpty();
			StringBuilder all = new StringBuilder();
			for (Path file : json) {
				all.append(Files.readString(file));
			}
			return all.toString();
		}
	}

}
