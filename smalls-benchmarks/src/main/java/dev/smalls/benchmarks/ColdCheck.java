package dev.smalls.benchmarks;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The first thing a freshly started JVM does: check an up-to-date database. Run in a child
 * JVM by {@link CheckScenario}; times only the tool's check (its class loading included, the
 * connection pool not) and prints {@code millis=.. heap=..}.
 * <p>
 * Arguments: contender, database ({@link BenchDatabase} name), JDBC URL, N.
 */
public final class ColdCheck {

	private ColdCheck() {
	}

	public static void main(String[] args) throws Exception {
		Contender contender = Contender.named(args[0]);
		BenchDatabase database = BenchDatabase.valueOf(args[1]);
		Workload workload = new Workload(Integer.parseInt(args[3]));
		try (HikariDataSource dataSource = database.pool(args[2])) {
			// The pool and its first connection are the application's cost whatever the tool:
			// the clock starts when the tool can have a ready connection, as in a Boot start-up.
			dataSource.getConnection().close();
			contender.load(workload);
			long started = System.nanoTime();
			contender.check(dataSource, workload);
			ChildJvm.report(Effort.millisSince(started));
		}
		System.exit(0);
	}

}
