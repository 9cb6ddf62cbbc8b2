package dev.smalls.benchmarks;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Scenario 2: the start-up check with all N applied and nothing pending, the cost every
 * restart pays; once in this warm JVM and once as the first thing a fresh JVM does
 * ({@link ColdCheck}). Each contender gets one database prepared once and reused by every
 * sample; on H2 a file, because the fresh JVM must open it too.
 */
final class CheckScenario implements Scenario {

	static final String WARM = "2 check, warm JVM";

	static final String COLD = "2 check, fresh JVM";

	private final Effort effort;

	CheckScenario(Effort effort) {
		this.effort = effort;
	}

	@Override
	public String name() {
		return WARM + " / fresh JVM";
	}

	@Override
	public void run(BenchDatabase database, Report report) throws Exception {
		for (int size : this.effort.sizes(100, 1000, 10000)) {
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
			warm(database, workload, urls, report);
			cold(database, workload, urls, report);
		}
	}

	private void warm(BenchDatabase database, Workload workload, List<String> urls, Report report) throws Exception {
		// Enough warm-ups for the JIT to compile each tool's check: this is the warm case.
		List<HikariDataSource> pools = urls.stream().map(database::pool).toList();
		try {
			this.effort.rounds(ALL, 5, 5, (name, measured) -> {
				Contender contender = Contender.named(name);
				contender.load(workload);
				long started = System.nanoTime();
				contender.check(pools.get(ALL.indexOf(name)), workload);
				if (measured) {
					report.add(WARM, database, workload.size(), name, Effort.millisSince(started));
				}
			});
		}
		finally {
			pools.forEach(HikariDataSource::close);
		}
	}

	private void cold(BenchDatabase database, Workload workload, List<String> urls, Report report) throws Exception {
		// A fresh JVM has nothing to warm up: every sample counts.
		this.effort.rounds(ALL, 0, 3, (name, measured) -> {
			ChildJvm.Sample sample = ChildJvm.run(ColdCheck.class, name, database.name(), urls.get(ALL.indexOf(name)),
					Integer.toString(workload.size()));
			report.add(COLD, database, workload.size(), name, sample.millis());
			report.heap(COLD, database, workload.size(), name, sample.peakHeap());
		});
	}

}
