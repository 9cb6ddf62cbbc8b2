package dev.smalls.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The targets, checked against one run's ratios (never absolute times).
 */
final class Targets {

	/** Scenarios 1 and 3: smalls within this factor of plain JDBC. */
	static final double APPLY_FACTOR = 1.25;

	/** Scenario 2: smalls within this factor of plain JDBC at the largest N. */
	static final double CHECK_FACTOR = 3.0;

	/** Scenario 2: "no faster than linear", with room for noise in the exponent. */
	static final double LINEAR = 1.15;

	/** Scenario 4: smalls adds less than this share of what Flyway adds. */
	static final double BOOT_SHARE = 1.0 / 3.0;

	/** Scenario 8: a 10,000-row Flyway history adopted in under this many milliseconds. */
	static final double ADOPT_MILLIS = 2_000;

	/** Scenario 9: a new database built from the squash at least this many times faster than by replaying. */
	static final double SQUASH_SPEEDUP = 10;

	/** Scenario 10: smalls' backfill at least this share of the hand-written loop's rows per second. */
	static final double BACKFILL_SHARE = 0.9;

	/** Scenario 10: the writer's p99 during smalls' backfill at most this factor of its p99 alone. */
	static final double WRITER_RISE = 1.25;

	private final Report report;

	Targets(Report report) {
		this.report = report;
	}

	/** One line per target and database, each starting with "met" or "MISSED". */
	List<String> evaluate(List<BenchDatabase> databases) {
		List<String> lines = new ArrayList<>();
		for (BenchDatabase database : databases) {
			for (String scenario : List.of(ApplyScenario.NAME, RollbackScenario.NAME)) {
				for (int size : this.report.sizes(scenario, database)) {
					double smalls = median(scenario, database, size, SmallsContender.NAME);
					double floor = median(scenario, database, size, PlainJdbcContender.NAME);
					double flyway = median(scenario, database, size, FlywayContender.NAME);
					double liquibase = median(scenario, database, size, LiquibaseContender.NAME);
					boolean met = smalls <= APPLY_FACTOR * floor && !(smalls >= flyway) && !(smalls >= liquibase);
					lines.add(String.format("%s: %s on %s, N=%,d: smalls %.2fx plain JDBC (target <= %.2f)%s", verdict(met),
							scenario, database.displayName(), size, smalls / floor, APPLY_FACTOR,
							Double.isNaN(flyway) ? "" : String.format(", %.2fx Flyway, %.2fx Liquibase (target < 1)",
									smalls / flyway, smalls / liquibase)));
				}
			}
			for (String scenario : List.of(CheckScenario.WARM, CheckScenario.COLD)) {
				List<Integer> sizes = this.report.sizes(scenario, database);
				if (sizes.isEmpty()) {
					continue;
				}
				int largest = sizes.get(sizes.size() - 1);
				double ratio = median(scenario, database, largest, SmallsContender.NAME)
						/ median(scenario, database, largest, PlainJdbcContender.NAME);
				double growth = this.report.growth(scenario, database, SmallsContender.NAME);
				boolean met = ratio <= CHECK_FACTOR && !(growth > LINEAR);
				lines.add(String.format("%s: %s on %s, N=%,d: smalls %.2fx plain JDBC (target <= %.0f), growth N^%.2f "
						+ "(target: linear, <= %.2f)", verdict(met), scenario, database.displayName(), largest, ratio,
						CHECK_FACTOR, growth, LINEAR));
			}
			for (int size : this.report.sizes(BootScenario.NAME, database)) {
				for (String floor : List.of(BootScenario.NO_TOOL, BootScenario.BEANS_AND_CONNECTION)) {
					double base = median(BootScenario.NAME, database, size, floor);
					double smalls = median(BootScenario.NAME, database, size, SmallsContender.NAME) - base;
					double flyway = median(BootScenario.NAME, database, size, FlywayContender.NAME) - base;
					lines.add(String.format("%s: %s on %s, N=%,d, over the \"%s\" app: smalls adds %.0f ms, Flyway "
							+ "%.0f ms: %.2f of Flyway's (target < %.2f)", verdict(smalls < BOOT_SHARE * flyway),
							BootScenario.NAME, database.displayName(), size, floor, smalls, flyway, smalls / flyway,
							BOOT_SHARE));
				}
			}
			for (int size : this.report.sizes(TenantScenario.NAME, database)) {
				double floor = median(TenantScenario.NAME, database, size, PlainJdbcContender.NAME);
				StringBuilder line = new StringBuilder(String.format("measured (no target): %s on %s, %,d tenants: the "
						+ "plain JDBC loop takes %.0f ms;", TenantScenario.NAME, database.displayName(), size, floor));
				for (int parallelism : TenantScenario.PARALLELISMS) {
					double smalls = median(TenantScenario.NAME, database, size, TenantScenario.contender(parallelism));
					line.append(String.format(" smalls at parallelism %d %.0f ms (%.2fx)", parallelism, smalls,
							smalls / floor));
				}
				lines.add(line.toString());
			}
			trust(database, TrustScenario.DRIFT, 1000, switch (database) {
				case POSTGRESQL -> 3_000;
				case MARIADB -> 10_000;
				default -> 0;
			}, lines);
			trust(database, TrustScenario.REHEARSE, 200, (database == BenchDatabase.POSTGRESQL) ? 60_000 : 0, lines);
			trust(database, SafetyScenario.LINT_SCHEMA, 1000, 2_000, lines);
			trust(database, SafetyScenario.LINT_CODE, 1000, 0, lines);
			for (int size : this.report.sizes(BackfillScenario.NAME, database)) {
				double smalls = median(BackfillScenario.NAME, database, size, SmallsContender.NAME);
				double loop = median(BackfillScenario.NAME, database, size, PlainJdbcContender.NAME);
				lines.add(String.format("%s: %s on %s, N=%,d: smalls %,.0f rows/s, the hand-written loop %,.0f rows/s: "
						+ "%.2f of its rate (target >= %.2f)", verdict(loop / smalls >= BACKFILL_SHARE),
						BackfillScenario.NAME, database.displayName(), size, size * 1000 / smalls, size * 1000 / loop,
						loop / smalls, BACKFILL_SHARE));
			}
			for (int size : this.report.sizes(BackfillScenario.WRITES, database)) {
				double alone = median(BackfillScenario.WRITES, database, size, BackfillScenario.ALONE);
				double smalls = median(BackfillScenario.WRITES, database, size, BackfillScenario.DURING_SMALLS);
				double loop = median(BackfillScenario.WRITES, database, size, BackfillScenario.DURING_LOOP);
				lines.add(String.format("%s: %s on %s, %,d rows, batches of %,d with %d ms between them: p99 %.2f ms "
						+ "alone, %.2f ms during smalls' backfill (%+.0f %%, target < %+.0f %%), %.2f ms during the "
						+ "hand-written loop (%+.0f %%)", verdict(smalls < WRITER_RISE * alone), BackfillScenario.WRITES,
						database.displayName(), size, BackfillScenario.BATCH, BackfillScenario.PAUSE_MILLIS, alone, smalls,
						100 * (smalls / alone - 1), 100 * (WRITER_RISE - 1), loop, 100 * (loop / alone - 1)));
				double paced = median(BackfillScenario.WRITES, database, size, BackfillScenario.DURING_PACED);
				lines.add(String.format("%s: %s on %s, %,d rows, batches of %,d with %,d ms between them (paced): p99 "
						+ "%.2f ms alone, %.2f ms during smalls' backfill (%+.0f %%, target < %+.0f %%)",
						verdict(paced < WRITER_RISE * alone), BackfillScenario.WRITES, database.displayName(), size,
						BackfillScenario.BATCH, BackfillScenario.PACED_PAUSE_MILLIS, alone, paced,
						100 * (paced / alone - 1), 100 * (WRITER_RISE - 1)));
			}
			for (int size : this.report.sizes(AdoptScenario.NAME, database)) {
				double smalls = median(AdoptScenario.NAME, database, size, SmallsContender.NAME);
				double floor = median(AdoptScenario.NAME, database, size, PlainJdbcContender.NAME);
				lines.add(String.format("%s: %s on %s, N=%,d: %.0f ms, %.2fx the plain JDBC copy%s",
						(size == 10_000) ? verdict(smalls < ADOPT_MILLIS) : "measured", AdoptScenario.NAME,
						database.displayName(), size, smalls, smalls / floor,
						(size == 10_000) ? String.format(" (target < %,.0f ms)", ADOPT_MILLIS) : " (no target)"));
			}
			for (int size : this.report.sizes(SquashScenario.NAME, database)) {
				double squash = median(SquashScenario.NAME, database, size, SmallsContender.NAME);
				double replay = median(SquashScenario.NAME, database, size, SquashScenario.REPLAY);
				double floor = median(SquashScenario.NAME, database, size, PlainJdbcContender.NAME);
				lines.add(String.format("%s: %s on %s, N=%,d: the squash builds it %.1fx faster than the replay%s; it "
						+ "takes %.2fx the plain JDBC run of its statements, with which the speed-up could be at most "
						+ "%.1fx", (size == SquashScenario.TARGET_SIZE) ? verdict(replay / squash >= SQUASH_SPEEDUP)
								: "measured", SquashScenario.NAME, database.displayName(), size, replay / squash,
						(size == SquashScenario.TARGET_SIZE) ? String.format(" (target >= %.0fx)", SQUASH_SPEEDUP)
								: " (no target)", squash / floor, replay / floor));
			}
			for (int size : this.report.sizes(SafetyScenario.APPLY_WARN, database)) {
				double warn = median(SafetyScenario.APPLY_WARN, database, size, SmallsContender.NAME);
				double off = median(SafetyScenario.APPLY_OFF, database, size, SmallsContender.NAME);
				lines.add(String.format("measured (no target): applying %,d schema migrations on %s with the lint "
						+ "before migrate (warn) takes %.0f ms, without it %.0f ms (%.2fx)", size,
						database.displayName(), warn, off, warn / off));
			}
			for (int size : this.report.sizes(TrustScenario.CAPTURED, database)) {
				double declared = median(TrustScenario.DECLARED, database, size, SmallsContender.NAME);
				double captured = median(TrustScenario.CAPTURED, database, size, SmallsContender.NAME);
				lines.add(String.format("measured (no target): applying %,d migrations on %s with their statements "
						+ "captured for their checksum takes %.0f ms, with a declared checksum %.0f ms (%.2fx)", size,
						database.displayName(), captured, declared, captured / declared));
			}
		}
		return lines;
	}

	/** The absolute targets for scenario 6, where it names one (PostgreSQL at its N). */
	private void trust(BenchDatabase database, String scenario, int targetSize, double targetMillis,
			List<String> lines) {
		for (int size : this.report.sizes(scenario, database)) {
			double smalls = median(scenario, database, size, SmallsContender.NAME);
			if (targetMillis > 0 && size == targetSize) {
				lines.add(String.format("%s: %s on %s, N=%,d: %.0f ms (target < %,.0f ms on this machine)",
						verdict(smalls < targetMillis), scenario, database.displayName(), size, smalls, targetMillis));
			}
			else {
				lines.add(String.format("measured (no target): %s on %s, N=%,d: %.0f ms", scenario,
						database.displayName(), size, smalls));
			}
		}
	}

	private double median(String scenario, BenchDatabase database, int size, String contender) {
		return this.report.median(scenario, database, size, contender);
	}

	private static String verdict(boolean met) {
		return met ? "met" : "MISSED";
	}

}
