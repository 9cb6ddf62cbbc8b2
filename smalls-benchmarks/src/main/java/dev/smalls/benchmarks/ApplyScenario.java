package dev.smalls.benchmarks;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Scenario 1: apply N migrations to a fresh database, a new one for every sample (on H2 an
 * in-memory one), so no contender inherits another's state.
 */
final class ApplyScenario implements Scenario {

	static final String NAME = "1 apply N fresh";

	private final Effort effort;

	ApplyScenario(Effort effort) {
		this.effort = effort;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void run(BenchDatabase database, Report report) throws Exception {
		for (int size : this.effort.sizes(100, 1000)) {
			Workload workload = new Workload(size);
			// Warm-ups let the JIT compile every contender's per-migration path, so the samples
			// compare the tools, not the interpreter. Flyway's apply is quadratic: at 1,000 one
			// warm-up and three samples already take a while.
			this.effort.rounds(ALL, (size >= 1000) ? 1 : 3, (size >= 1000) ? 3 : 7, (name, measured) -> {
				try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
					Workload.prepare(dataSource);
					Contender contender = Contender.named(name);
					contender.load(workload);
					long started = System.nanoTime();
					contender.apply(dataSource, workload);
					if (measured) {
						report.add(NAME, database, size, name, Effort.millisSince(started));
					}
				}
			});
		}
	}

}
