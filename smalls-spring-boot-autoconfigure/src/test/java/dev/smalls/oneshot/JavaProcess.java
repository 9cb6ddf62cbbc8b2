package dev.smalls.oneshot;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java ... OneShotTestApplication <args>} (or another application's main class) in a
 * process of its own, as a script or a CI job starts it, on this test's classpath or on that
 * classpath without some jars.
 */
final class JavaProcess {

	private final List<String> jvmOptions = new ArrayList<>();

	private final List<String> withoutJars = new ArrayList<>();

	private Path directory = Path.of(".");

	private Class<?> mainClass = OneShotTestApplication.class;

	/** Start this application instead of {@link OneShotTestApplication}. */
	JavaProcess main(Class<?> mainClass) {
		this.mainClass = mainClass;
		return this;
	}

	/** Leave out of the classpath every jar whose file name starts with one of these. */
	JavaProcess without(String... jarPrefixes) {
		this.withoutJars.addAll(Arrays.asList(jarPrefixes));
		return this;
	}

	JavaProcess property(String name, String value) {
		this.jvmOptions.add("-D" + name + "=" + value);
		return this;
	}

	JavaProcess in(Path directory) {
		this.directory = directory;
		return this;
	}

	/** Run to completion and collect standard output and error together. */
	Run run(String... arguments) throws IOException, InterruptedException {
		Process process = start(arguments).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the process ended").isTrue();
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	/**
	 * Run to completion and collect standard output and standard error apart, as a script that
	 * reads one and shows the other.
	 */
	Separated runSeparated(String... arguments) throws IOException, InterruptedException {
		Path errors = Files.createTempFile(Path.of("target"), "stderr", ".txt");
		try {
			Process process = start(arguments).redirectError(errors.toFile()).start();
			byte[] output = process.getInputStream().readAllBytes();
			assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the process ended").isTrue();
			return new Separated(process.exitValue(), new String(output, StandardCharsets.UTF_8),
					Files.readString(errors, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(errors);
		}
	}

	/**
	 * The process on a terminal of its own, as someone typing at it: {@code script} gives it
	 * a pseudo-terminal, so that {@code System.console()} is there.
	 */
	ProcessBuilder startOnATerminal(String... arguments) {
		String command = start(arguments).command()
			.stream()
			.map((word) -> "'" + word.replace("'", "'\\''") + "'")
			.collect(Collectors.joining(" "));
		return new ProcessBuilder("script", "--quiet", "--flush", "--return", "--command", command, "/dev/null")
			.directory(this.directory.toFile());
	}

	ProcessBuilder start(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-cp");
		command.add(classpath());
		command.addAll(this.jvmOptions);
		command.add(this.mainClass.getName());
		command.addAll(Arrays.asList(arguments));
		return new ProcessBuilder(command).directory(this.directory.toFile());
	}

	private String classpath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> this.withoutJars.stream()
				.noneMatch((prefix) -> Path.of(entry).getFileName().toString().startsWith(prefix)))
			.collect(Collectors.joining(File.pathSeparator));
	}

	/**
	 * A finished process.
	 *
	 * @param exitCode its exit code
	 * @param output what it printed
	 */
	record Run(int exitCode, String output) {

		long lines() {
			return this.output.lines().count();
		}

	}

	/**
	 * A finished process, its two outputs apart.
	 *
	 * @param exitCode its exit code
	 * @param output what it printed on standard output
	 * @param errors what it printed on standard error
	 */
	record Separated(int exitCode, String output, String errors) {

	}

}
