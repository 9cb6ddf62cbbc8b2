package dev.smalls.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrateResult;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;

/**
 * smalls, as an application uses it: migration beans and the migrator.
 */
final class SmallsContender implements Contender {

	static final String NAME = "smalls";

	private static final Map<Integer, List<SmallsMigration>> LOADED = new ConcurrentHashMap<>();

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void apply(DataSource dataSource, Workload workload) {
		MigrateResult result = migrator(dataSource, workload).migrate();
		if (result.applied().size() != workload.size()) {
			throw new IllegalStateException("smalls applied " + result.applied().size());
		}
	}

	@Override
	public void check(DataSource dataSource, Workload workload) {
		MigrateResult result = migrator(dataSource, workload).migrate();
		if (!result.applied().isEmpty() || result.current() != workload.size()) {
			throw new IllegalStateException("smalls was not up to date: " + result.current());
		}
	}

	@Override
	public void rollback(DataSource dataSource, Workload workload) {
		int rolledBack = migrator(dataSource, workload).rollback(0).rolledBack().size();
		if (rolledBack != workload.size()) {
			throw new IllegalStateException("smalls rolled back " + rolledBack);
		}
	}

	@Override
	public boolean canRollBack() {
		return true;
	}

	@Override
	public void load(Workload workload) {
		migrations(workload);
	}

	private static SmallsMigrator migrator(DataSource dataSource, Workload workload) {
		return SmallsMigrator.builder(dataSource).migrations(migrations(workload)).build();
	}

	/** The application's migration beans, built once per size. */
	static List<SmallsMigration> migrations(Workload workload) {
		return LOADED.computeIfAbsent(workload.size(), (size) -> build(workload));
	}

	private static List<SmallsMigration> build(Workload workload) {
		List<SmallsMigration> migrations = new ArrayList<>(workload.size());
		for (int i = 1; i <= workload.size(); i++) {
			migrations.add(new BenchMigration(i, workload.migrateSql(i), workload.rollbackSql(i)));
		}
		return migrations;
	}

	/**
	 * A migration as {@code smalls create} generates it, its name a constant.
	 */
	record BenchMigration(int sequence, String name, String up, String down) implements SmallsMigration {

		BenchMigration(int sequence, String up, String down) {
			this(sequence, "bench_" + sequence, up, down);
		}

		@Override
		public String checksum() {
			// Declared, as the README advises (a version bumped with each edit), so that the
			// start-up check reads and compares every applied migration's checksum.
			return "v1";
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute(this.up);
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute(this.down);
		}

	}

}
