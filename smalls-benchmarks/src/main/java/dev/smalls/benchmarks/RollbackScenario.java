package dev.smalls.benchmarks;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Scenario 3: roll back N applied migrations, for the contenders that can: Flyway's undo is
 * not in its free edition and Spring Boot's Liquibase integration never executes a rollback.
 */
final class RollbackScenario implements Scenario {

	static final String NAME = "3 roll back N";

	private final Effort effort;

	RollbackScenario(Effort effort) {
		this.effort = effort;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void run(BenchDatabase database, Report report) throws Exception {
		List<String> contenders = ALL.stream().filter((name) -> Contender.named(name).canRollBack()).toList();
		for (int size : this.effort.sizes(100, 1000)) {
			Workload workload = new Workload(size);
			int warmups = this.effort.warmups(3);
			int runs = this.effort.runs((size >= 1000) ? 5 : 7);
			for (int run = 0; run < warmups + runs; run++) {
				for (String name : Effort.interleaved(contenders, run)) {
					Contender contender = Contender.named(name);
					try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
						Workload.prepare(dataSource);
						contender.apply(dataSource, workload);
						contender.load(workload);
						long started = System.nanoTime();
						contender.rollback(dataSource, workload);
						if (run >= warmups) {
							report.add(NAME, database, size, name, (System.nanoTime() - started) / 1_000_000.0);
						}
					}
				}
			}
		}
	}

}
