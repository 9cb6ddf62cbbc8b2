package dev.smalls.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Runs every scenario and prints the table. {@code --quick} is the smoke run the tests use;
 * {@code --databases=H2} restricts the databases; {@code --out=FILE} also writes the table.
 */
public final class BenchmarkMain {

	static final String APPLY = "1 apply N fresh";

	static final String CHECK_WARM = "2 check, warm JVM";

	static final String CHECK_COLD = "2 check, fresh JVM";

	static final String ROLLBACK = "3 roll back N";

	static final String BOOT = "4 Boot start-up";

	private static final List<String> ALL = List.of("plain-jdbc", "smalls", "flyway", "liquibase");

	private final boolean quick;

	private final List<BenchDatabase> databases;

	private final Report report = new Report();

	BenchmarkMain(boolean quick, List<BenchDatabase> databases) {
		this.quick = quick;
		this.databases = databases;
	}

	public static void main(String[] args) throws Exception {
		boolean quick = Arrays.asList(args).contains("--quick");
		List<BenchDatabase> databases = List.of(BenchDatabase.values());
		Path out = null;
		for (String arg : args) {
			if (arg.startsWith("--databases=")) {
				databases = Arrays.stream(arg.substring(12).split(",")).map(BenchDatabase::valueOf).toList();
			}
			if (arg.startsWith("--out=")) {
				out = Path.of(arg.substring(6));
			}
		}
		String table = new BenchmarkMain(quick, databases).run().table();
		System.out.println(table);
		if (out != null) {
			Files.writeString(out, table, StandardCharsets.UTF_8);
		}
		BenchDatabase.shutdown();
		System.exit(0);
	}

	Report run() throws Exception {
		for (BenchDatabase database : this.databases) {
			for (int size : this.quick ? new int[] { 20 } : new int[] { 100, 1000 }) {
				apply(database, size);
			}
			for (int size : this.quick ? new int[] { 20 } : new int[] { 100, 1000, 10000 }) {
				check(database, size);
			}
			for (int size : this.quick ? new int[] { 20 } : new int[] { 100, 1000 }) {
				rollback(database, size);
			}
		}
		boot(this.quick ? 20 : 1000);
		this.report.note("Flyway's undo is not in its free edition, and Spring Boot's Liquibase integration never executes a "
				+ "rollback: scenario 3 compares smalls with plain JDBC only.");
		this.report.note("Scenario 2 uses H2 file databases (a fresh JVM must open them); scenario 4 runs on H2 files.");
		return this.report;
	}

	private void apply(BenchDatabase database, int size) throws Exception {
		Workload workload = new Workload(size);
		int runs = this.quick ? 1 : (size >= 1000 ? 3 : 5);
		int warmups = (this.quick || size >= 1000) ? 0 : 1;
		for (int run = 0; run < warmups + runs; run++) {
			for (String name : rotate(ALL, run)) {
				Contender contender = Contender.named(name);
				try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
					Workload.prepare(dataSource);
					long started = System.nanoTime();
					contender.apply(dataSource, workload);
					if (run >= warmups) {
						this.report.add(APPLY, database, size, name, (System.nanoTime() - started) / 1_000_000.0);
					}
				}
			}
		}
	}

	private void check(BenchDatabase database, int size) throws Exception {
		Workload workload = new Workload(size);
		List<String> urls = new ArrayList<>();
		for (String name : ALL) {
			String url = database.freshUrl(true);
			urls.add(url);
			try (HikariDataSource dataSource = database.pool(url)) {
				Workload.prepare(dataSource);
				Preparation.applied(Contender.named(name), dataSource, workload);
			}
		}
		int warmups = this.quick ? 0 : 2;
		int runs = this.quick ? 1 : 5;
		List<HikariDataSource> pools = urls.stream().map(database::pool).toList();
		try {
			for (int run = 0; run < warmups + runs; run++) {
				for (String name : rotate(ALL, run)) {
					HikariDataSource pool = pools.get(ALL.indexOf(name));
					long started = System.nanoTime();
					Contender.named(name).check(pool, workload);
					if (run >= warmups) {
						this.report.add(CHECK_WARM, database, size, name, (System.nanoTime() - started) / 1_000_000.0);
					}
				}
			}
		}
		finally {
			pools.forEach(HikariDataSource::close);
		}
		int coldRuns = this.quick ? 1 : 3;
		for (int run = 0; run < coldRuns; run++) {
			for (String name : rotate(ALL, run)) {
				double[] result = child(ColdCheck.class, name, database.name(), urls.get(ALL.indexOf(name)),
						Integer.toString(size));
				this.report.add(CHECK_COLD, database, size, name, result[0]);
				this.report.heap(CHECK_COLD, database, size, name, (long) result[1]);
			}
		}
	}

	private void rollback(BenchDatabase database, int size) throws Exception {
		Workload workload = new Workload(size);
		List<String> contenders = List.of("plain-jdbc", "smalls");
		int warmups = this.quick ? 0 : 1;
		int runs = this.quick ? 1 : 5;
		for (int run = 0; run < warmups + runs; run++) {
			for (String name : rotate(contenders, run)) {
				Contender contender = Contender.named(name);
				try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
					Workload.prepare(dataSource);
					contender.apply(dataSource, workload);
					long started = System.nanoTime();
					contender.rollback(dataSource, workload);
					if (run >= warmups) {
						this.report.add(ROLLBACK, database, size, name, (System.nanoTime() - started) / 1_000_000.0);
					}
				}
			}
		}
	}

	private void boot(int size) throws Exception {
		Workload workload = new Workload(size);
		List<String> modes = List.of("none", "smalls", "flyway");
		List<String> urls = new ArrayList<>();
		for (String mode : modes) {
			String url = BenchDatabase.H2.freshUrl(true);
			urls.add(url);
			try (HikariDataSource dataSource = BenchDatabase.H2.pool(url)) {
				Workload.prepare(dataSource);
				if (!mode.equals("none")) {
					Preparation.applied(Contender.named(mode), dataSource, workload);
				}
			}
		}
		int runs = this.quick ? 1 : 5;
		for (int run = 0; run < runs + 1; run++) {
			for (String mode : rotate(modes, run)) {
				double[] result = child(BootStartup.class, mode, urls.get(modes.indexOf(mode)), Integer.toString(size));
				if (run > 0 || this.quick) {
					String contender = mode.equals("none") ? "plain-jdbc" : mode;
					this.report.add(BOOT, BenchDatabase.H2, size, contender, result[0]);
					this.report.heap(BOOT, BenchDatabase.H2, size, contender, (long) result[1]);
				}
			}
		}
		double none = this.report.median(BOOT, BenchDatabase.H2, size, "plain-jdbc");
		double smalls = this.report.median(BOOT, BenchDatabase.H2, size, "smalls") - none;
		double flyway = this.report.median(BOOT, BenchDatabase.H2, size, "flyway") - none;
		this.report.note(String.format("Scenario 4: the app without a migration tool (shown as plain-jdbc) starts in %.0f ms; "
				+ "smalls adds %.0f ms, Flyway adds %.0f ms (smalls/Flyway added time: %.2f).", none, smalls, flyway,
				smalls / flyway));
	}

	private static boolean isBootJar(String classPath) {
		if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
			return false;
		}
		try (java.util.jar.JarFile jar = new java.util.jar.JarFile(classPath)) {
			return jar.getEntry("BOOT-INF/") != null;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	private static List<String> rotate(List<String> names, int by) {
		List<String> rotated = new ArrayList<>(names);
		java.util.Collections.rotate(rotated, by);
		return rotated;
	}

	/**
	 * Run a main class in a fresh JVM on this classpath; it prints {@code millis=.. heap=..}.
	 */
	static double[] child(Class<?> main, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
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
		return new double[] { Double.parseDouble(parts[0].substring(7)), Double.parseDouble(parts[1].substring(5)) };
	}

}
