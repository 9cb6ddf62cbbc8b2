package dev.smalls.benchmarks;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Scenario 4: a minimal Spring Boot application started in a fresh JVM ({@link BootStartup})
 * with N applied migrations, with the smalls auto-configuration, with Flyway's, and with no
 * migration tool; timed to a refreshed context. A fourth app has the N migration beans and
 * opens a connection but runs no tool: it separates what the container and the database cost
 * from what a tool adds.
 */
final class BootScenario implements Scenario {

	static final String NAME = "4 Boot start-up";

	/** The app without a migration tool: the floor of this scenario. */
	static final String NO_TOOL = "no tool";

	/** The app with the migration beans and an opened connection, but no tool. */
	static final String BEANS_AND_CONNECTION = BootStartup.BEANS_AND_CONNECTION;

	private static final List<String> MODES = List.of(NO_TOOL, BEANS_AND_CONNECTION, SmallsContender.NAME,
			FlywayContender.NAME);

	private final Effort effort;

	BootScenario(Effort effort) {
		this.effort = effort;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void run(BenchDatabase database, Report report) throws Exception {
		int size = this.effort.sizes(1000)[0];
		Workload workload = new Workload(size);
		List<String> urls = new ArrayList<>();
		for (String mode : MODES) {
			String url = database.freshUrl(true);
			urls.add(url);
			try (HikariDataSource dataSource = database.pool(url)) {
				Workload.prepare(dataSource);
				if (mode.equals(SmallsContender.NAME) || mode.equals(FlywayContender.NAME)) {
					Preparation.applied(Contender.named(mode), dataSource, workload);
				}
			}
		}
		// One round to warm the OS file cache, then the samples.
		this.effort.rounds(MODES, 1, 7, (mode, measured) -> {
			ChildJvm.Sample sample = ChildJvm.run(BootStartup.class, mode, urls.get(MODES.indexOf(mode)),
					database.user(), Integer.toString(size));
			if (measured) {
				report.add(NAME, database, size, mode, sample.millis());
				report.heap(NAME, database, size, mode, sample.peakHeap());
			}
		});
	}

}
