package dev.smalls.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick run of the harness, so that it cannot rot: every scenario produces a sample for
 * every contender that can take part. It asserts no timings.
 */
class BenchmarkSmokeTests {

	@Test
	void theQuickRunMeasuresEveryContenderInEveryScenario() throws Exception {
		Report report = new BenchmarkMain(true, List.of(BenchDatabase.H2)).run();
		List<String> all = List.of("plain-jdbc", "smalls", "flyway", "liquibase");
		for (String contender : all) {
			assertThat(report.median(BenchmarkMain.APPLY, BenchDatabase.H2, 20, contender)).as(contender).isNotNaN();
			assertThat(report.median(BenchmarkMain.CHECK_WARM, BenchDatabase.H2, 20, contender)).as(contender).isNotNaN();
			assertThat(report.median(BenchmarkMain.CHECK_COLD, BenchDatabase.H2, 20, contender)).as(contender).isNotNaN();
		}
		for (String contender : List.of("plain-jdbc", "smalls")) {
			assertThat(report.median(BenchmarkMain.ROLLBACK, BenchDatabase.H2, 20, contender)).as(contender).isNotNaN();
		}
		for (String contender : List.of("plain-jdbc", "smalls", "flyway")) {
			assertThat(report.median(BenchmarkMain.BOOT, BenchDatabase.H2, 20, contender)).as(contender).isNotNaN();
		}
		assertThat(report.table()).contains("| 2 check, fresh JVM | H2 | 20 | smalls |").contains("x plain JDBC");
	}

}
