package dev.smalls.benchmarks;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Scenario 4: a minimal Spring Boot application started in a fresh JVM ({@link BootStartup})
 * with N applied migrations, with the smalls auto-configuration, with Flyway's, and with no
 * migration tool; timed to a refreshed context.
 */
final class BootScenario implements Scenario {

	static final String NAME = "4 Boot start-up";

	/** The app without a migration tool: the floor of this scenario. */
	static final String NO_TOOL = "no tool";

	private static final List<String> MODES = List.of(NO_TOOL, SmallsContender.NAME, FlywayContender.NAME);

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
				if (!mode.equals(NO_TOOL)) {
					Preparation.applied(Contender.named(mode), dataSource, workload);
				}
			}
		}
		// One round to warm the OS file cache, then the samples.
		int warmups = this.effort.warmups(1);
		int runs = this.effort.runs(5);
		for (int run = 0; run < warmups + runs; run++) {
			for (String mode : Effort.interleaved(MODES, run)) {
				ChildJvm.Sample sample = ChildJvm.run(BootStartup.class, mode, urls.get(MODES.indexOf(mode)),
						database.user(), Integer.toString(size));
				if (run >= warmups) {
					report.add(NAME, database, size, mode, sample.millis());
					report.heap(NAME, database, size, mode, sample.peakHeap());
				}
			}
		}
		double none = report.median(NAME, database, size, NO_TOOL);
		double smalls = report.median(NAME, database, size, SmallsContender.NAME) - none;
		double flyway = report.median(NAME, database, size, FlywayContender.NAME) - none;
		report.note(String.format("Scenario 4 on %s, N=%,d: the app without a migration tool starts in %.0f ms; "
				+ "smalls adds %.0f ms, Flyway adds %.0f ms (smalls adds %.2f of what Flyway adds; target < 0.33).",
				database.displayName(), size, none, smalls, flyway, smalls / flyway));
	}

}
