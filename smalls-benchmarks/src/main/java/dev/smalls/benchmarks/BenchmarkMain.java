package dev.smalls.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs every scenario on every database and prints a Markdown report.
 * <p>
 * {@code --quick}: the smoke run the tests use (N=20, one sample); {@code --databases=H2}
 * (or {@code POSTGRESQL}, or both comma-separated) restricts the databases,
 * {@code --scenarios=2,4} the scenarios (numbered as in the report);
 * {@code --out=FILE} also writes the report to a file.
 */
public final class BenchmarkMain {

	private final Effort effort;

	private final List<BenchDatabase> databases;

	private final List<Integer> scenarios;

	BenchmarkMain(boolean quick, List<BenchDatabase> databases) {
		this(quick, databases, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9));
	}

	BenchmarkMain(boolean quick, List<BenchDatabase> databases, List<Integer> scenarios) {
		this.effort = new Effort(quick);
		this.databases = databases;
		this.scenarios = scenarios;
	}

	public static void main(String[] args) throws Exception {
		boolean quick = Arrays.asList(args).contains("--quick");
		List<BenchDatabase> databases = BenchDatabase.defaults();
		Path out = null;
		List<Integer> scenarios = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
		for (String arg : args) {
			if (arg.startsWith("--scenarios=")) {
				scenarios = Arrays.stream(arg.substring(12).split(",")).map(Integer::valueOf).toList();
			}
			if (arg.startsWith("--databases=")) {
				databases = Arrays.stream(arg.substring(12).split(",")).map(BenchDatabase::valueOf).toList();
			}
			if (arg.startsWith("--out=")) {
				out = Path.of(arg.substring(6));
			}
		}
		Path work = BenchDatabase.workDirectory();
		deleteContents(work);
		// Liquibase, H2 and the PostgreSQL binaries write temporary files: keep them in target/ too.
		System.setProperty("java.io.tmpdir", work.toString());
		long started = System.nanoTime();
		String table;
		try {
			table = new BenchmarkMain(quick, databases, scenarios).run().table();
		}
		finally {
			BenchDatabase.shutdown();
		}
		String report = header(args, (System.nanoTime() - started) / 1e9) + table;
		System.out.println(report);
		if (out != null) {
			Files.writeString(out, report, StandardCharsets.UTF_8);
		}
		// Pools' and the server's non-daemon threads must not keep the JVM alive.
		System.exit(0);
	}

	Report run() throws Exception {
		Report report = new Report();
		List<Scenario> all = List.of(new ApplyScenario(this.effort), new CheckScenario(this.effort),
				new RollbackScenario(this.effort), new BootScenario(this.effort), new TenantScenario(this.effort),
				new TrustScenario(this.effort), new SafetyScenario(this.effort), new AdoptScenario(this.effort), new SquashScenario(this.effort),
				new BackfillScenario(this.effort));
		List<Scenario> scenarios = this.scenarios.stream().map((number) -> all.get(number - 1)).toList();
		for (BenchDatabase database : this.databases) {
			for (Scenario scenario : scenarios) {
				if (database == BenchDatabase.MARIADB && !(scenario instanceof TrustScenario)
						&& !(scenario instanceof SafetyScenario) && !(scenario instanceof SquashScenario)
						&& !(scenario instanceof BackfillScenario)) {
					System.err.printf("[bench] %s on %s: skipped (MariaDB runs scenarios 6, 7, 9 and 10 only)%n", scenario.name(),
							database.displayName());
					continue;
				}
				long started = System.nanoTime();
				scenario.run(database, report);
				// Progress on stderr: the report on stdout stays clean for --out and pipes.
				System.err.printf("[bench] %s on %s: %.0f s%n", scenario.name(), database.displayName(),
						(System.nanoTime() - started) / 1e9);
			}
		}
		report.note("Targets (ratios within this run):\n\n- "
				+ String.join("\n- ", new Targets(report).evaluate(this.databases)));
		report.note("Scenario 3 compares smalls with plain JDBC only: Flyway's undo is not in its free edition, and "
				+ "Spring Boot's Liquibase integration never executes a rollback.");
		report.note("Scenario 1 and 3 use a new database per sample (H2: in memory). Scenario 2 reuses one prepared "
				+ "database per contender (H2: a file, since the fresh JVM must open it too); the fresh-JVM check times "
				+ "the tool's check only, its class loading included, the connection pool not. Scenario 4 times "
				+ "main() to a refreshed context in a fresh JVM; its floor is the same app with no migration tool, and "
				+ "the \"" + BootScenario.BEANS_AND_CONNECTION + "\" app (the same migration beans and one opened "
				+ "connection, no tool) shows what any tool's app pays before the tool does anything. "
				+ "Peak heap (sum of the heap pools' peaks) is measured in the fresh JVMs. Scenario 5 migrates "
				+ "100 tenant schemas of 20 migrations each, N being the number of tenants: plain JDBC loops over "
				+ "them one by one, smalls runs them with SmallsTenants at parallelism p. Scenario 6 times smalls "
				+ "alone (its peers keep drift checks and rehearsals in paid editions): a drift check of N tables of 20 "
				+ "columns (a primary key, two indexes and a foreign key each), and rehearseAll() of N migrations "
				+ "creating a table each. Since issue 18 the benchmark's migrations declare a checksum(), so "
				+ "scenario 2's check reads and compares N checksums. Scenario 7 times the linter (smalls alone): "
				+ "lint() of N pending schema migrations (a column, an index and a NOT NULL each, on 50 tables of 100 "
				+ "rows), of N code migrations (captured by plan, which runs them where nothing is kept), and "
				+ "applying the N schema migrations with the lint before migrate (smalls.lint.mode=warn) and "
				+ "without (off). Scenario 8 adopts a Flyway history of N migrations (Flyway wrote the first row, "
				+ "the rest are copies in its form), a new database per sample; the plain JDBC floor reads the same "
				+ "rows and inserts one each into a history-shaped table created before the clock starts, in one "
				+ "batch and commit, where smalls also creates its own tables, takes its lock and checks each row. "
				+ "Scenario 9 builds a new database through migration N (the 500 schema migrations of smalls-core's "
				+ "squash tests: tables created, altered, renamed and dropped), a new database per sample: smalls "
				+ "replaying them, and smalls running the squash that squash() wrote of them; the plain JDBC floor "
				+ "runs the squash's statements in one transaction with N history rows inserted in one batch, "
				+ "into a table created before the clock starts.");
		return report;
	}

	private static String header(String[] args, double seconds) {
		return String.format("# smalls benchmarks%n%n- date: %s%n- machine: %d cores, %s %s, Java %s%n"
				+ "- command: `java -jar %s%s`%n- wall time: %.0f s%n%n",
				ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
				System.getProperty("os.arch"), System.getProperty("java.version"), jar(),
				(args.length == 0) ? "" : " " + String.join(" ", args), seconds);
	}

	/** The jar this run came from, as the command line named it. */
	private static String jar() {
		String classPath = System.getProperty("java.class.path");
		return (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) ? classPath
				: "smalls-benchmarks/target/smalls-benchmarks.jar";
	}

	/** Leftovers of an earlier run (H2 files, changelogs) would only fill the disk. */
	private static void deleteContents(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				if (!path.equals(directory)) {
					Files.delete(path);
				}
			}
		}
	}

}
