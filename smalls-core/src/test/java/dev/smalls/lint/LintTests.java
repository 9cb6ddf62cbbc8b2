package dev.smalls.lint;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsException;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.TestSchemaMigration;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code lint()} on real databases: severities from the live tables' sizes, code migrations
 * seen through their captured statements, acknowledgements, and a migrate that lints first.
 */
class LintTests {

	@Test
	void onPostgresqlAnIndexOnABigTableIsAWarningAndOnASmallOneOnlyANotice() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE big (id bigint PRIMARY KEY, n integer)");
			jdbc.execute("INSERT INTO big SELECT g, g FROM generate_series(1, 50000) g");
			jdbc.execute("CREATE TABLE small (id bigint PRIMARY KEY, n integer)");
			jdbc.execute("INSERT INTO small SELECT g, g FROM generate_series(1, 10) g");
			jdbc.execute("ANALYZE big");
			jdbc.execute("ANALYZE small");
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(new TestSchemaMigration(1, "indexes", (schema) -> {
					schema.addIndex("big", "ix_big_n", "n");
					schema.addIndex("small", "ix_small_n", "n");
				}))
				.build();

			LintResult result = migrator.lint();

			assertThat(result.database()).isEqualTo("PostgreSQL");
			assertThat(result.findings()).extracting(LintFinding::rule).containsOnly("pg-index-not-concurrent");
			LintFinding big = result.findings().get(0);
			assertThat(big.table()).isEqualTo("big");
			assertThat(big.rows()).isEqualTo(50_000L);
			assertThat(big.severity()).isEqualTo(LintSeverity.WARNING);
			assertThat(big.operation()).isEqualTo("addIndex ix_big_n on big (n)");
			assertThat(big.describe()).contains("0001_indexes", "about 50,000 rows", "CONCURRENTLY");
			LintFinding small = result.findings().get(1);
			assertThat(small.severity()).isEqualTo(LintSeverity.NOTICE);
			assertThat(small.isProblem()).isFalse();
			assertThat(result.problems()).containsExactly(big);
		}
	}

	@Test
	void onPostgresqlSafeRewritesAreWhatIsLintedSoTheyAreNotFlagged() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE big (id bigint PRIMARY KEY, n integer, parent bigint)");
			jdbc.execute("INSERT INTO big SELECT g, g, g FROM generate_series(1, 50000) g");
			jdbc.execute("ANALYZE big");
			TestSchemaMigration migration = new TestSchemaMigration(1, "safely", (schema) -> {
				schema.addIndex("big", "ix_big_n", "n");
				schema.addForeignKey("big", "fk_big_parent", "parent", "big", "id");
				schema.setNotNull("big", "n");
			});

			List<String> asWritten = SmallsMigrator.builder(db.dataSource()).migrations(migration).build().lint()
				.findings().stream().map(LintFinding::rule).toList();
			LintResult rewritten = SmallsMigrator.builder(db.dataSource()).migrations(migration).safeRewrites(true)
				.build()
				.lint();

			assertThat(asWritten).containsExactly("pg-index-not-concurrent", "pg-foreign-key-validated",
					"pg-set-not-null");
			assertThat(rewritten.findings()).isEmpty();
		}
	}

	@Test
	void onPostgresqlACodeMigrationIsLintedFromTheStatementsItSendsAndNothingIsKept() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, email varchar(200))");
			jdbc.execute("INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 20000) g");
			jdbc.execute("ANALYZE accounts");
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(code(1, "require_email", "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL"))
				.build();

			LintResult result = migrator.lint();

			assertThat(result.findings()).singleElement().satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("pg-set-not-null");
				assertThat(finding.operation()).isEqualTo("ALTER TABLE accounts ALTER COLUMN email SET NOT NULL");
				assertThat(finding.severity()).isEqualTo(LintSeverity.WARNING);
			});
			assertThat(migrator.status().current()).isZero();
			assertThat(jdbc.queryForObject("SELECT is_nullable FROM information_schema.columns "
					+ "WHERE table_name = 'accounts' AND column_name = 'email'", String.class)).isEqualTo("YES");
		}
	}

	@Test
	void anAcknowledgedFindingIsShownWithItsReasonAndIsNoProblem() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE audit (id bigint PRIMARY KEY, at timestamp)");
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(new TestSchemaMigration(1, "index_audit", (schema) -> {
					schema.addIndex("audit", "ix_audit_at", "at");
					schema.acknowledge("pg-index-not-concurrent", "audit is written once a day");
					schema.addIndex("audit", "ix_audit_id_at", "id", "at");
				}), new Acknowledged())
				.build();

			LintResult result = migrator.lint();

			assertThat(result.findings()).hasSize(3);
			assertThat(result.findings().get(0).acknowledged()).isEqualTo("audit is written once a day");
			assertThat(result.findings().get(1).acknowledged()).isNull();
			assertThat(result.findings().get(2).acknowledged()).isEqualTo("the table is new and unused");
			assertThat(result.problems()).hasSize(1);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void acknowledgementsAreRecordedInTheHistoryAndAnOlderLayoutGetsTheColumn(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY, at_ms BIGINT)");
			SmallsMigrator.builder(db.dataSource()).migrations(code(1, "first", "CREATE TABLE t1 (id INTEGER)"))
				.build()
				.migrate();
			// As the release of layout 3 left them: no acknowledged (or origin) column.
			jdbc.execute("ALTER TABLE smalls_history DROP COLUMN acknowledged");
			jdbc.execute("ALTER TABLE smalls_history DROP COLUMN origin");
			jdbc.update("UPDATE smalls_history_layout SET layout = 3");

			SmallsMigrator.builder(db.dataSource())
				.migrations(code(1, "first", "CREATE TABLE t1 (id INTEGER)"),
						new TestSchemaMigration(2, "index_audit", (schema) -> {
							schema.addIndex("audit", "ix_audit_at", "at_ms");
							schema.acknowledge("pg-index-not-concurrent", "audit is written once a day");
						}), new Acknowledged())
				.build()
				.migrate();

			assertThat(jdbc.queryForList("SELECT acknowledged FROM smalls_history ORDER BY sequence_no", String.class))
				.containsExactly(null,
						"addIndex ix_audit_at on audit (at_ms) [pg-index-not-concurrent] audit is written once a day",
						"[pg-index-not-concurrent] the table is new and unused");
			assertThat(jdbc.queryForObject("SELECT layout FROM smalls_history_layout", Integer.class))
				.isEqualTo(dev.smalls.dialect.SmallsTables.LAYOUT);
		}
	}

	@Test
	void aMisspelledRuleInAnAcknowledgementIsRefusedWithTheRuleItMeant() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(new TestSchemaMigration(1, "typo", (schema) -> {
					schema.createTable("t", (table) -> table.id("id"));
					schema.acknowledge("pg-index-not-concurent", "small");
				}))
				.build();

			assertThatExceptionOfType(SmallsException.class).isThrownBy(migrator::lint)
				.withMessageContaining("'pg-index-not-concurent', which does not exist; did you mean "
						+ "'pg-index-not-concurrent'");
		}
	}

	@Test
	void onMariaDbAColumnTypeChangeOnABigTableIsAWarningAndAnIndexIsNot() {
		try (FreshDatabase db = TestDatabase.MARIADB.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE big (id BIGINT PRIMARY KEY, n INT) ENGINE=InnoDB");
			jdbc.execute("INSERT INTO big SELECT seq, seq FROM seq_1_to_30000");
			jdbc.execute("ANALYZE TABLE big");
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(new TestSchemaMigration(1, "widen", (schema) -> {
					schema.addIndex("big", "ix_big_n", "n");
					schema.alterColumnType("big", "n", ColumnType.INTEGER, ColumnType.BIGINT);
				}))
				.build();

			LintResult result = migrator.lint();

			assertThat(result.database()).isEqualTo("MariaDB");
			assertThat(result.findings()).singleElement().satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("mysql-column-type-change");
				assertThat(finding.severity()).isEqualTo(LintSeverity.WARNING);
				assertThat(finding.rows()).isGreaterThan(10_000L);
			});
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "HSQLDB" })
	void onDatabasesWithoutLockRulesTheLinterRunsSaysSoAndStillFindsMappedColumns(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			new JdbcTemplate(db.dataSource()).execute("CREATE TABLE people (id INTEGER PRIMARY KEY, email VARCHAR(100))");
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(new TestSchemaMigration(1, "drop_email", (schema) -> {
					schema.addIndex("people", "ix_people_id", "id");
					schema.dropColumn("people", "email", ColumnType.varchar(100));
				}))
				.lintMapped(List.of("people", "people.email"))
				.build();

			LintResult result = migrator.lint();

			assertThat(result.notes()).singleElement().asString().contains("no lock rules are written for");
			assertThat(result.findings()).singleElement().satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo("mapped-column-dropped");
				assertThat(finding.severity()).isEqualTo(LintSeverity.ERROR);
			});
		}
	}

	@Test
	void onSqliteTheLinterRunsAndSaysNoLockRuleApplies() {
		try (FreshDatabase db = TestDatabase.SQLITE.createFreshDatabase()) {
			new JdbcTemplate(db.dataSource()).execute("CREATE TABLE people (id INTEGER PRIMARY KEY, email VARCHAR(100))");
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(new TestSchemaMigration(1, "index_email",
						(schema) -> schema.addIndex("people", "ix_people_email", "email")))
				.build();

			LintResult result = migrator.lint();

			assertThat(result.database()).isEqualTo("SQLite");
			assertThat(result.migrations()).isEqualTo(1);
			assertThat(result.findings()).isEmpty();
			assertThat(result.notes()).singleElement().asString().contains("no lock rules are written for SQLite");
		}
	}

	@Test
	void aMigrateSetToFailRefusesBeforeRunningAnythingAndOneSetToWarnMigrates() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer bigint)");
			List<SmallsMigration> migrations = List.of(
					new TestSchemaMigration(1, "add_note", (schema) -> schema.addColumn("orders", "note", ColumnType.TEXT)),
					new TestSchemaMigration(2, "index_customer",
							(schema) -> schema.addIndex("orders", "ix_orders_customer", "customer")));
			// Never analyzed: the size is unknown, which is taken for large.
			SmallsMigrator failing = SmallsMigrator.builder(db.dataSource()).migrations(migrations)
				.lintMode(LintMode.FAIL)
				.build();

			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(failing::migrate)
				.satisfies((ex) -> {
					assertThat(ex.getProblem()).isEqualTo(SmallsValidationException.Problem.LINT_FINDINGS);
					assertThat(ex.getMessage()).contains("[pg-index-not-concurrent] 0002_index_customer",
							"Nothing was run");
				});
			assertThat(failing.status().current()).isZero();

			SmallsMigrator warning = SmallsMigrator.builder(db.dataSource()).migrations(migrations).build();
			assertThat(warning.migrate().applied()).hasSize(2);
			assertThat(warning.lint().migrations()).isZero();
		}
	}

	@Test
	void aMigrateWithOnlyCodeMigrationsPendingReadsNoTableSizes() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			dev.smalls.testsupport.StatementLog log = new dev.smalls.testsupport.StatementLog(db.dataSource());
			SmallsMigrator migrator = SmallsMigrator.builder(log)
				.migrations(code(1, "create_t", "CREATE TABLE t (id INT)"), code(2, "index_t", "CREATE INDEX ix_t ON t (id)"))
				.build();

			assertThat(migrator.migrate().applied()).hasSize(2);

			assertThat(log.statements()).noneMatch((sql) -> sql.contains("reltuples"));
		}
	}

	@Test
	void everyRuleHasAnIdATitleAWhyAndASafeWayAndThereAreAtLeastTwentyFive() {
		assertThat(LintRules.all()).hasSizeGreaterThanOrEqualTo(25);
		assertThat(LintRules.all()).extracting(LintRule::id).doesNotHaveDuplicates()
			.allMatch((id) -> id.matches("[a-z0-9-]+"));
		assertThat(LintRules.all()).allSatisfy((rule) -> {
			assertThat(rule.title()).isNotBlank();
			assertThat(rule.why()).endsWith(".");
			assertThat(rule.safeWay()).isNotBlank();
		});
		assertThat(LintRules.forDatabase(LintDatabase.POSTGRESQL)).extracting(LintRule::database)
			.containsOnly(LintDatabase.POSTGRESQL, LintDatabase.ANY);
		assertThat(Set.copyOf(LintRules.all().stream().map(LintRule::database).toList()))
			.contains(LintDatabase.POSTGRESQL, LintDatabase.MYSQL, LintDatabase.ANY);
	}

	private static SmallsMigration code(int sequence, String name, String sql) {
		return new SmallsMigration() {

			@Override
			public int sequence() {
				return sequence;
			}

			@Override
			public String name() {
				return name;
			}

			@Override
			public void migrate(JdbcTemplate jdbc) {
				jdbc.execute(sql);
			}

			@Override
			public void rollback(JdbcTemplate jdbc) {
			}

		};
	}

	@Acknowledge(rule = "pg-index-not-concurrent", reason = "the table is new and unused")
	static class Acknowledged implements SmallsMigration {

		@Override
		public int sequence() {
			return 3;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("CREATE INDEX ix_audit_id ON audit (id)");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("DROP INDEX ix_audit_id");
		}

	}

}
