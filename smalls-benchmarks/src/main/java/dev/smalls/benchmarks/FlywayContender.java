package dev.smalls.benchmarks;

import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	private static final Map<Integer, JavaMigration[]> LOADED = new ConcurrentHashMap<>();

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

	@Override
	public void load(Workload workload) {
		migrations(workload);
	}

	/** The application's migration beans, built once per size. */
	private static JavaMigration[] migrations(Workload workload) {
		return LOADED.computeIfAbsent(workload.size(), (size) -> {
			JavaMigration[] migrations = new JavaMigration[size];
			for (int i = 1; i <= size; i++) {
				migrations[i - 1] = new BenchJavaMigration(i, workload.migrateSql(i));
			}
			return migrations;
		});
	}

	static Flyway flyway(DataSource dataSource, Workload workload) {
		JavaMigration[] migrations = migrations(workload);
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

		private final MigrationVersion version;

		private final String sql;

		private final String description;

		BenchJavaMigration(int version, String sql) {
			// Parsed once, as BaseJavaMigration does from its class name.
			this.version = MigrationVersion.fromVersion(Integer.toString(version));
			this.sql = sql;
			this.description = "bench " + version;
		}

		@Override
		public MigrationVersion getVersion() {
			return this.version;
		}

		@Override
		public String getDescription() {
			return this.description;
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
