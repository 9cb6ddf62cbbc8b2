package dev.smalls.benchmarks;

import java.util.List;

/**
 * One scenario of the issue, measured on one database for every contender that can take
 * part, its samples added to the report.
 */
interface Scenario {

	/** Every contender, the floor first. */
	List<String> ALL = List.of(PlainJdbcContender.NAME, SmallsContender.NAME, FlywayContender.NAME,
			LiquibaseContender.NAME);

	String name();

	void run(BenchDatabase database, Report report) throws Exception;

}
