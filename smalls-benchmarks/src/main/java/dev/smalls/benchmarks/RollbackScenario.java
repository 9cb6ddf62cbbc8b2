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
			this.effort.rounds(contenders, 3, (size >= 1000) ? 5 : 7, (name, measured) -> {
				Contender contender = Contender.named(name);
				try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
					Workload.prepare(dataSource);
					contender.apply(dataSource, workload);
					contender.load(workload);
					long started = System.nanoTime();
					contender.rollback(dataSource, workload);
					if (measured) {
						report.add(NAME, database, size, name, Effort.millisSince(started));
					}
				}
			});
		}
	}

}
