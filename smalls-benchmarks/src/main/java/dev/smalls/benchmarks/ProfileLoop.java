package dev.smalls.benchmarks;

import java.util.Locale;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Repeats one scenario for one contender, so a profiler sees nothing else: how the engine's
 * hot spots were found. Run it under JFR, for example:
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=smalls.jfr,settings=profile \
 *      -Dloader.main=dev.smalls.benchmarks.ProfileLoop -jar smalls-benchmarks/target/smalls-benchmarks.jar \
 *      check H2 smalls 10000 200
 * </pre>
 *
 * Arguments: {@code apply}, {@code check} or {@code rollback}; database; contender; N;
 * repetitions. Prints the median time.
 */
public final class ProfileLoop {

	private ProfileLoop() {
	}

	public static void main(String[] args) throws Exception {
		String scenario = args[0];
		BenchDatabase database = BenchDatabase.valueOf(args[1].toUpperCase(Locale.ROOT));
		Contender contender = Contender.named(args[2]);
		Workload workload = new Workload(Integer.parseInt(args[3]));
		int repetitions = Integer.parseInt(args[4]);
		System.setProperty("java.io.tmpdir", BenchDatabase.workDirectory().toString());
		double[] samples = new double[repetitions];
		contender.load(workload);
		try {
			HikariDataSource prepared = null;
			if (scenario.equals("check")) {
				prepared = database.pool(database.freshUrl(false));
				Workload.prepare(prepared);
				Preparation.applied(contender, prepared, workload);
			}
			for (int i = 0; i < repetitions; i++) {
				samples[i] = once(scenario, database, contender, workload, prepared);
			}
			if (prepared != null) {
				prepared.close();
			}
		}
		finally {
			BenchDatabase.shutdown();
		}
		java.util.Arrays.sort(samples);
		System.out.printf(Locale.ROOT, "%s %s %s N=%d: median %.3f ms over %d%n", scenario, database, contender.name(),
				workload.size(), samples[repetitions / 2], repetitions);
		System.exit(0);
	}

	private static double once(String scenario, BenchDatabase database, Contender contender, Workload workload,
			HikariDataSource prepared) throws Exception {
		if (scenario.equals("check")) {
			long started = System.nanoTime();
			contender.check(prepared, workload);
			return Effort.millisSince(started);
		}
		try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
			Workload.prepare(dataSource);
			if (scenario.equals("rollback")) {
				contender.apply(dataSource, workload);
			}
			long started = System.nanoTime();
			if (scenario.equals("apply")) {
				contender.apply(dataSource, workload);
			}
			else {
				contender.rollback(dataSource, workload);
			}
			return Effort.millisSince(started);
		}
	}

}
