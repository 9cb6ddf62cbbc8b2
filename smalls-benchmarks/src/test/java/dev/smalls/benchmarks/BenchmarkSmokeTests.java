package dev.smalls.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick run of the harness, so that it cannot rot: every scenario produces a sample for
 * every contender that can take part. It asserts no timings.
 */
class BenchmarkSmokeTests {

	private static final int N = Effort.QUICK_SIZE;

	@Test
	void theQuickRunMeasuresEveryContenderInEveryScenario() throws Exception {
		Report report = new BenchmarkMain(true, List.of(BenchDatabase.H2)).run();
		for (String contender : Scenario.ALL) {
			assertMeasured(report, ApplyScenario.NAME, contender);
			assertMeasured(report, CheckScenario.WARM, contender);
			assertMeasured(report, CheckScenario.COLD, contender);
		}
		for (String contender : List.of(PlainJdbcContender.NAME, SmallsContender.NAME)) {
			assertMeasured(report, RollbackScenario.NAME, contender);
		}
		for (String contender : List.of(BootScenario.NO_TOOL, BootScenario.BEANS_AND_CONNECTION, SmallsContender.NAME,
				FlywayContender.NAME)) {
			assertMeasured(report, BootScenario.NAME, contender);
		}
		for (String contender : List.of(PlainJdbcContender.NAME, SmallsContender.NAME)) {
			assertMeasured(report, AdoptScenario.NAME, contender);
		}
		for (String contender : List.of(PlainJdbcContender.NAME, SmallsContender.NAME, SquashScenario.REPLAY)) {
			assertMeasured(report, SquashScenario.NAME, contender);
		}
		assertThat(report.table()).contains("| 2 check, fresh JVM | H2 | 20 | smalls |")
			.contains("x plain JDBC")
			.contains("Targets (ratios within this run)");
	}

	private static void assertMeasured(Report report, String scenario, String contender) {
		assertThat(report.median(scenario, BenchDatabase.H2, N, contender)).as(scenario + ", " + contender).isNotNaN();
	}

}
