package dev.smalls.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * Runs a main class of this module in a freshly started JVM on the same classpath: what an
 * application restart really pays. The child prints one line {@code millis=.. heap=..}.
 */
final class ChildJvm {

	private ChildJvm() {
	}

	/**
	 * Print the line a child reports its result with.
	 * @param millis the time it measured
	 */
	static void report(double millis) {
		System.out.println("millis=" + String.format(Locale.ROOT, "%.2f", millis) + " heap=" + peakHeap());
	}

	/** Sum of the heap pools' peaks: an upper bound of the peak used heap, cheap to read. */
	private static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

	static Sample run(Class<?> main, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-D" + BenchDatabase.WORK_DIRECTORY_PROPERTY + "=" + BenchDatabase.workDirectory(),
				"-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
		String classPath = System.getProperty("java.class.path");
		if (isBootJar(classPath)) {
			// Run from the packaged jar: its PropertiesLauncher starts whichever main we name.
			command.addAll(List.of("-Dloader.main=" + main.getName(), "-jar", classPath));
		}
		else {
			command.addAll(List.of("-cp", classPath, main.getName()));
		}
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String result = null;
		StringBuilder output = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.append(line).append('\n');
				if (line.startsWith("millis=")) {
					result = line;
				}
			}
		}
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0 || result == null) {
			throw new IllegalStateException(main.getSimpleName() + " " + String.join(" ", args) + " failed:\n" + output);
		}
		String[] parts = result.split("\\s+");
		return new Sample(Double.parseDouble(parts[0].substring(7)), Long.parseLong(parts[1].substring(5)));
	}

	private static boolean isBootJar(String classPath) {
		if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
			return false;
		}
		try (JarFile jar = new JarFile(classPath)) {
			return jar.getEntry("BOOT-INF/") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * What a child measured.
	 * @param millis the time
	 * @param peakHeap peak used heap in bytes
	 */
	record Sample(double millis, long peakHeap) {
	}

}
