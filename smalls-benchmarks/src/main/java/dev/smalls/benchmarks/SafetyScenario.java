package dev.smalls.benchmarks;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.lint.LintMode;
import dev.smalls.lint.LintResult;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;

/**
 * Scenario 7: the linter (smalls alone: no peer has one). {@code lint()} of N pending schema
 * migrations (each adds a column, an index and a NOT NULL to one of 50 tables of 100 rows:
 * two findings apiece on PostgreSQL, notices on tables this small), of N pending code migrations (whose statements {@code plan} captures by
 * running them where nothing is kept), and what the lint before a migrate adds to applying N
 * schema migrations ({@code smalls.lint.mode} warn against off). The target: a lint of
 * 1,000 migrations under 2 s.
 */
final class SafetyScenario implements Scenario {

	static final String LINT_SCHEMA = "7 lint N schema migrations";

	static final String LINT_CODE = "7 lint N code migrations (plan)";

	static final String APPLY_WARN = "7 apply N schema migrations, lint warn";

	static final String APPLY_OFF = "7 apply N schema migrations, lint off";

	private static final int TABLES = 50;

	private final Effort effort;

	SafetyScenario(Effort effort) {
		this.effort = effort;
	}

	@Override
	public String name() {
		return "7 lint";
	}

	@Override
	public void run(BenchDatabase database, Report report) throws Exception {
		for (int size : this.effort.sizes(1000)) {
			lint(database, size, schemaMigrations(size), LINT_SCHEMA, report);
			lint(database, size, codeMigrations(size), LINT_CODE, report);
			apply(database, size, report);
		}
	}

	/**
	 * Code migrations that each add a column, after one (applied) that creates the tables: where
	 * plan runs on a scratch schema (H2), it replays the applied migrations, so the tables must
	 * come from one.
	 */
	private static List<SmallsMigration> codeMigrations(int size) {
		List<SmallsMigration> code = new ArrayList<>();
		StringBuilder tables = new StringBuilder();
		for (int t = 0; t < TABLES; t++) {
			tables.append((t > 0) ? "; " : "").append("CREATE TABLE code_").append(t).append(" (id INT PRIMARY KEY)");
		}
		code.add(new Script(1, tables.toString()));
		for (int i = 2; i <= size + 1; i++) {
			String table = "code_" + (i % TABLES);
			code.add(new SmallsContender.BenchMigration(i, "ALTER TABLE " + table + " ADD COLUMN c" + i + " INT",
					"ALTER TABLE " + table + " DROP COLUMN c" + i));
		}
		return code;
	}

	private void lint(BenchDatabase database, int size, List<SmallsMigration> migrations, String name, Report report)
			throws Exception {
		try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
			accounts(dataSource);
			SmallsMigrator migrator = SmallsMigrator.builder(dataSource).migrations(migrations).build();
			if (migrations.get(0) instanceof Script) {
				migrator.migrate(1);
			}
			this.effort.rounds(List.of(SmallsContender.NAME), 1, 3, (contender, measured) -> {
				long started = System.nanoTime();
				LintResult result = migrator.lint();
				double millis = Effort.millisSince(started);
				if (result.migrations() != size || result.notes().stream().anyMatch((note) -> note.contains("linted"))) {
					throw new IllegalStateException("linted " + result.migrations() + " of " + size + ": "
							+ result.notes());
				}
				if (measured) {
					report.add(name, database, size, SmallsContender.NAME, millis);
				}
			});
		}
	}

	private void apply(BenchDatabase database, int size, Report report) throws Exception {
		List<SmallsMigration> migrations = schemaMigrations(size);
		this.effort.rounds(List.of(APPLY_WARN, APPLY_OFF), 1, 3, (name, measured) -> {
			try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
				accounts(dataSource);
				SmallsMigrator migrator = SmallsMigrator.builder(dataSource).migrations(migrations)
					.lintMode(name.equals(APPLY_WARN) ? LintMode.WARN : LintMode.OFF)
					.build();
				long started = System.nanoTime();
				migrator.migrate();
				if (measured) {
					report.add(name, database, size, SmallsContender.NAME, Effort.millisSince(started));
				}
			}
		});
	}

	/** 50 tables of 100 rows: MariaDB allows 64 indexes a table, and the migrations add one each. */
	private static void accounts(HikariDataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		List<Object[]> ids = java.util.stream.IntStream.rangeClosed(1, 100).mapToObj((id) -> new Object[] { id })
			.toList();
		for (int t = 0; t < TABLES; t++) {
			jdbc.execute("CREATE TABLE accounts_" + t + " (id INT PRIMARY KEY, name VARCHAR(40))");
			jdbc.batchUpdate("INSERT INTO accounts_" + t + " (id, name) VALUES (?, 'a')", ids);
		}
	}

	private static String table(int sequence) {
		return "accounts_" + (sequence % TABLES);
	}

	private static List<SmallsMigration> schemaMigrations(int size) {
		List<SmallsMigration> migrations = new ArrayList<>();
		for (int i = 1; i <= size; i++) {
			migrations.add(new ColumnWithIndex(i));
		}
		return migrations;
	}

	/** Statements separated by {@code ;}, run one by one. */
	private record Script(int sequence, String statements) implements SmallsMigration {

		@Override
		public String name() {
			return "create_tables";
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			for (String statement : this.statements.split("; ")) {
				jdbc.execute(statement);
			}
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
		}

	}

	/** A column, with a default so that it can be NOT NULL, and an index on it. */
	private record ColumnWithIndex(int sequence) implements SchemaMigration {

		@Override
		public String name() {
			return "lint_" + this.sequence;
		}

		@Override
		public void change(Schema schema) {
			String column = "c" + this.sequence;
			String table = table(this.sequence);
			schema.addColumn(table, column, ColumnType.INTEGER, (c) -> c.defaultValue(0));
			schema.addIndex(table, "ix_" + table + "_" + column, column);
			schema.setNotNull(table, column);
		}

	}

}
