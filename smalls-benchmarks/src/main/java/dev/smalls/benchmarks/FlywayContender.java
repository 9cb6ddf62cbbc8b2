package dev.smalls.benchmarks;

import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway with the same migrations as {@link JavaMigration}s, as Spring Boot users write them.
 * Flyway's undo is not in its free edition, so there is no rollback.
 */
final class FlywayContender implements Contender {

	static final String NAME = "flyway";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void apply(DataSource dataSource, Workload workload) {
		MigrateResult result = flyway(dataSource, workload).migrate();
		if (result.migrationsExecuted != workload.size()) {
			throw new IllegalStateException("flyway applied " + result.migrationsExecuted);
		}
	}

	@Override
	public void check(DataSource dataSource, Workload workload) {
		MigrateResult result = flyway(dataSource, workload).migrate();
		if (result.migrationsExecuted != 0) {
			throw new IllegalStateException("flyway was not up to date");
		}
	}

	static Flyway flyway(DataSource dataSource, Workload workload) {
		JavaMigration[] migrations = new JavaMigration[workload.size()];
		for (int i = 1; i <= workload.size(); i++) {
			migrations[i - 1] = new BenchJavaMigration(i, workload.migrateSql(i));
		}
		// No SQL locations: only the Java migrations, as an application with none in db/migration.
		// The schema already holds bench_data, so Flyway needs a baseline (version 0) first.
		return Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:smalls-benchmarks/none")
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.javaMigrations(migrations)
			.load();
	}

	static final class BenchJavaMigration implements JavaMigration {

		private final int version;

		private final String sql;

		BenchJavaMigration(int version, String sql) {
			this.version = version;
			this.sql = sql;
		}

		@Override
		public MigrationVersion getVersion() {
			return MigrationVersion.fromVersion(Integer.toString(this.version));
		}

		@Override
		public String getDescription() {
			return "bench " + this.version;
		}

		@Override
		public Integer getChecksum() {
			return null;
		}

		@Override
		public boolean canExecuteInTransaction() {
			return true;
		}

		@Override
		public void migrate(Context context) throws Exception {
			try (Statement statement = context.getConnection().createStatement()) {
				statement.execute(this.sql);
			}
		}

	}

}
