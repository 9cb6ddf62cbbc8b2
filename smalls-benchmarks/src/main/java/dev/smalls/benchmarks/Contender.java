package dev.smalls.benchmarks;

import javax.sql.DataSource;

/**
 * A way of running the workload's migrations.
 */
interface Contender {

	String name();

	/**
	 * Build what the application holds before any tool runs (its migration beans), so that
	 * the measurements time the tool, not the application's objects. Called before each
	 * clock starts; cached, so repeating it is free.
	 */
	default void load(Workload workload) {
	}

	/** Apply every migration of the workload to a database that has none. */
	void apply(DataSource dataSource, Workload workload) throws Exception;

	/** What a restart pays: check an up-to-date database and find nothing to do. */
	void check(DataSource dataSource, Workload workload) throws Exception;

	/** Roll back every migration; false from {@link #canRollBack()} means the tool cannot. */
	default void rollback(DataSource dataSource, Workload workload) throws Exception {
		throw new UnsupportedOperationException(name() + " cannot roll back");
	}

	default boolean canRollBack() {
		return false;
	}

	static Contender named(String name) {
		return switch (name) {
			case PlainJdbcContender.NAME -> new PlainJdbcContender();
			case SmallsContender.NAME -> new SmallsContender();
			case FlywayContender.NAME -> new FlywayContender();
			case LiquibaseContender.NAME -> new LiquibaseContender();
			default -> throw new IllegalArgumentException("Unknown contender " + name);
		};
	}

}
