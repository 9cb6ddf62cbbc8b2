package dev.smalls.benchmarks;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.DriftResult;
import dev.smalls.RehearsalResult;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;

/**
 * Scenario 6: the checks before a deploy, timed on their own (smalls alone: the peers keep
 * them in paid editions). A drift check of N tables of 20 columns each (a primary key, two
 * indexes and a foreign key each), after the migrate that recorded them; and a rehearsal of
 * N migrations (apply, roll back, apply again on a scratch schema, the schema read after every
 * step). The targets: a drift check of 1,000 tables under 3 s on PostgreSQL, a
 * rehearsal of 200 migrations under 60 s.
 */
final class TrustScenario implements Scenario {

	static final String DRIFT = "6 drift check, N tables x 20 columns";

	static final String REHEARSE = "6 rehearse N migrations";

	static final String DECLARED = "6 apply, checksum() declared";

	static final String CAPTURED = "6 apply, statements captured";

	private final Effort effort;

	TrustScenario(Effort effort) {
		this.effort = effort;
	}

	@Override
	public String name() {
		return "6 drift / rehearse";
	}

	@Override
	public void run(BenchDatabase database, Report report) throws Exception {
		for (int size : this.effort.sizes(1000)) {
			drift(database, size, report);
		}
		for (int size : this.effort.sizes(200)) {
			rehearse(database, size, report);
		}
		for (int size : this.effort.sizes(1000)) {
			capture(database, size, report);
		}
	}

	/**
	 * What recording a code migration's statements costs: scenario 1's migrations, which
	 * declare a checksum, against the same migrations without one, whose statements smalls
	 * captures and digests as they run.
	 */
	private void capture(BenchDatabase database, int size, Report report) throws Exception {
		Workload workload = new Workload(size);
		List<SmallsMigration> declared = SmallsContender.migrations(workload);
		List<SmallsMigration> captured = new ArrayList<>();
		for (int i = 1; i <= size; i++) {
			captured.add(new Undeclared(i, workload.migrateSql(i), workload.rollbackSql(i)));
		}
		this.effort.rounds(List.of(DECLARED, CAPTURED), 2, 5, (name, measured) -> {
			try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
				Workload.prepare(dataSource);
				SmallsMigrator migrator = SmallsMigrator.builder(dataSource)
					.migrations(name.equals(DECLARED) ? declared : captured)
					.build();
				long started = System.nanoTime();
				migrator.migrate();
				if (measured) {
					report.add(name, database, size, SmallsContender.NAME, Effort.millisSince(started));
				}
			}
		});
	}

	/** Scenario 1's migration without a declared checksum. */
	private record Undeclared(int sequence, String up, String down) implements SmallsMigration {

		@Override
		public String name() {
			return "bench_" + this.sequence;
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

	private void drift(BenchDatabase database, int tables, Report report) throws Exception {
		try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
			SmallsMigrator migrator = SmallsMigrator.builder(dataSource).migrations(new WideTables(tables))
				.recordSchema(true)
				.build();
			migrator.migrate();
			this.effort.rounds(List.of(SmallsContender.NAME), 1, 3, (name, measured) -> {
				long started = System.nanoTime();
				DriftResult drift = migrator.drift();
				if (drift.drifted() || !drift.recorded()) {
					throw new IllegalStateException("drift after a clean migrate: " + drift);
				}
				if (measured) {
					report.add(DRIFT, database, tables, SmallsContender.NAME, Effort.millisSince(started));
				}
			});
		}
	}

	private void rehearse(BenchDatabase database, int size, Report report) throws Exception {
		List<SmallsMigration> migrations = new ArrayList<>();
		for (int i = 1; i <= size; i++) {
			String table = "r" + i;
			migrations.add(new SmallsContender.BenchMigration(i, "CREATE TABLE " + table
					+ " (id INT PRIMARY KEY, label VARCHAR(40) NOT NULL, amount INT DEFAULT 0)", "DROP TABLE " + table));
		}
		this.effort.rounds(List.of(SmallsContender.NAME), 0, 3, (name, measured) -> {
			try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
				SmallsMigrator migrator = SmallsMigrator.builder(dataSource).migrations(migrations).build();
				long started = System.nanoTime();
				RehearsalResult result = migrator.rehearseAll();
				double millis = Effort.millisSince(started);
				if (!result.clean() || result.rehearsed().size() != size) {
					throw new IllegalStateException("rehearsal not clean: " + result);
				}
				report.add(REHEARSE, database, size, SmallsContender.NAME, millis);
			}
		});
	}

	/** One migration that creates N tables of 20 columns, a primary key, two indexes and a foreign key each. */
	private record WideTables(int tables) implements SmallsMigration {

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public String name() {
			return "wide_tables";
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			for (int t = 1; t <= this.tables; t++) {
				StringBuilder ddl = new StringBuilder("CREATE TABLE w" + t + " (id INT PRIMARY KEY, parent_id INT");
				for (int c = 3; c <= 20; c++) {
					ddl.append(", c").append(c).append((c % 3 == 0) ? " VARCHAR(40)" : (c % 3 == 1) ? " INT DEFAULT 0"
							: " TIMESTAMP");
				}
				if (t > 1) {
					ddl.append(", CONSTRAINT fk_w").append(t).append(" FOREIGN KEY (parent_id) REFERENCES w")
						.append(t - 1).append(" (id)");
				}
				jdbc.execute(ddl.append(")").toString());
				jdbc.execute("CREATE INDEX ix_w" + t + "_a ON w" + t + " (c3)");
				jdbc.execute("CREATE INDEX ix_w" + t + "_b ON w" + t + " (c4, c5)");
			}
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			for (int t = this.tables; t >= 1; t--) {
				jdbc.execute("DROP TABLE w" + t);
			}
		}

	}

}
