package dev.smalls.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the packaged sample keeps its H2 database: beside its jar, whichever directory it is
 * started from, so that a command run from another directory finds the same database rather
 * than a new, empty one.
 */
class SampleDatabaseIT {

	@Test
	void theSampleOpensTheDatabaseBesideItsJarFromWhicheverDirectoryItIsStarted() throws Exception {
		// A copy of the jar, so that its database is this test's alone.
		Path home = Files.createDirectories(Path.of("target", "e2e-data", String.valueOf(System.nanoTime())))
			.toAbsolutePath();
		Path jar = Files.copy(Path.of(System.getProperty("sample.jar")), home.resolve("smalls-sample-app.jar"),
				StandardCopyOption.REPLACE_EXISTING);
		Path one = Files.createDirectories(home.resolve("one"));
		Path another = Files.createDirectories(home.resolve("another").resolve("deeper"));

		SampleJar.Run migrate = SampleJar.once(SampleJar.command(jar, one, List.of(), "smalls", "migrate"));
		assertThat(migrate.exitCode()).as(migrate.output()).isZero();

		SampleJar.Run status = SampleJar.once(SampleJar.command(jar, another, List.of(), "smalls", "status"));
		assertThat(status.exitCode()).as(status.output()).isZero();
		assertThat(status.output()).contains("Current sequence: 0004, 0 pending");
		assertThat(home.resolve("data").resolve("smalls-sample.mv.db")).exists();
		assertThat(one.resolve("data")).doesNotExist();
		assertThat(another.resolve("data")).doesNotExist();
	}

}
