package dev.smalls;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One set of migrations on many tenants, each in a schema of its own (a database on
 * MariaDB), in parallel.
 */
class TenantTests {

	@Test
	void fiftyPostgresqlSchemasMigrateTwoAtATimeAndOneFailingTenantDoesNotStopTheOthers() {
		migrateTenants(TestDatabase.POSTGRESQL, 50, "SELECT current_schema()");
	}

	@Test
	void mariadbDatabasesMigrateAsTenants() {
		migrateTenants(TestDatabase.MARIADB, 8, "SELECT DATABASE()");
	}

	@Test
	void h2SchemasMigrateAsTenants() {
		migrateTenants(TestDatabase.H2, 8, "SELECT SCHEMA()");
	}

	private void migrateTenants(TestDatabase database, int count, String whereAmI) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			List<SmallsTenant> tenants = new ArrayList<>();
			for (int i = 1; i <= count; i++) {
				String schema = schemaName(db, i);
				jdbc.execute(createSchema(database, schema));
				tenants.add(new SmallsTenant("tenant" + i, db.dataSource(), schema));
			}
			String failing = schemaName(db, 7);
			SmallsTenants runner = SmallsTenants.builder((tenant) -> migrator(tenant, whereAmI, failing))
				.tenants(tenants)
				.parallelism(2)
				.build();
			TenantsOutcome<MigrateResult> outcome = runner.migrate();
			assertThat(outcome.outcomes()).hasSize(count);
			assertThat(outcome.failed()).as(() -> outcome.failed().get(0).failure().toString()).extracting(TenantOutcome::tenant).containsExactly("tenant7");
			TenantOutcome<MigrateResult> seventh = outcome.failed().get(0);
			assertThat(seventh.failure()).isInstanceOf(SmallsMigrationException.class)
				.hasMessageContaining("0002_fill_t1 failed: tenant " + failing + " refuses");
			for (int i = 1; i <= count; i++) {
				String schema = schemaName(db, i);
				List<Integer> recorded = jdbc.queryForList(
						"SELECT sequence_no FROM " + schema + ".smalls_history ORDER BY sequence_no", Integer.class);
				if (schema.equals(failing)) {
					assertThat(recorded).containsExactly(1);
				}
				else {
					assertThat(recorded).containsExactly(1, 2);
					// Both ways a migration reaches the database wrote into the tenant's own schema.
					assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + schema + ".t1", Integer.class)).isEqualTo(2);
				}
			}
			assertThatExceptionOfType(SmallsTenantsException.class).isThrownBy(outcome::throwIfFailed)
				.withMessageContaining("1 of " + count + " tenants failed: tenant7");
			assertThat(runner.migrator("tenant3").status().current()).isEqualTo(2);
			TenantsOutcome<RollbackResult> rolledBack = runner.rollback(0);
			assertThat(rolledBack.failed()).isEmpty();
			assertThat(runner.status().outcomes()).allSatisfy((status) -> assertThat(status.result().current()).isZero());
			// Nothing was left in the connection's default schema.
			assertThat(tableCount(jdbc, database)).isZero();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "H2" })
	void stopOnFailureSkipsTheTenantsThatHaveNotStarted(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			List<SmallsTenant> tenants = new ArrayList<>();
			for (int i = 1; i <= 4; i++) {
				jdbc.execute(createSchema(database, schemaName(db, i)));
				tenants.add(new SmallsTenant("tenant" + i, db.dataSource(), schemaName(db, i)));
			}
			String whereAmI = (database == TestDatabase.H2) ? "SELECT SCHEMA()" : "SELECT current_schema()";
			TenantsOutcome<MigrateResult> outcome = SmallsTenants
				.builder((tenant) -> migrator(tenant, whereAmI, schemaName(db, 2)))
				.tenants(tenants)
				.parallelism(1)
				.stopOnFailure(true)
				.build()
				.migrate();
			assertThat(outcome.outcomes()).extracting(TenantOutcome::succeeded).containsExactly(true, false, false, false);
			assertThat(outcome.outcomes()).extracting(TenantOutcome::skipped).containsExactly(false, false, true, true);
		}
	}

	@Test
	void aMissingSchemaIsReportedForItsTenantAlone() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			new JdbcTemplate(db.dataSource()).execute("CREATE SCHEMA present");
			TenantsOutcome<MigrateResult> outcome = SmallsTenants
				.builder((tenant) -> migrator(tenant, "SELECT current_schema()", "none"))
				.tenants(List.of(new SmallsTenant("present", db.dataSource(), "present"),
						new SmallsTenant("absent", db.dataSource(), "absent")))
				.build()
				.migrate();
			assertThat(outcome.failed()).extracting(TenantOutcome::tenant).containsExactly("absent");
			assertThat(outcome.failed().get(0).failure()).hasMessageContaining("could not run in schema absent")
				.hasMessageContaining("does not exist");
		}
	}

	@Test
	void aMigrationOutsideATransactionInAPostgresqlTenantIsRefusedUnlessTheSessionIsTheRunsOwn() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE SCHEMA acme");
			SmallsMigration create = SqlMigration.sql(1, "create_t1", "CREATE TABLE t1 (id INT PRIMARY KEY, name TEXT)",
					"DROP TABLE t1");
			SmallsMigration index = SqlMigration
				.sql(2, "index_t1", "CREATE INDEX CONCURRENTLY t1_name ON t1 (name)", "DROP INDEX CONCURRENTLY t1_name")
				.outsideTransactions();
			// Its statements commit one by one, outside any transaction that could carry the
			// tenant's search_path: behind a pooler they could land in another schema.
			SmallsMigrator pooled = SmallsMigrator.builder(db.dataSource()).schema("acme").migrations(create, index)
				.build();
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(pooled::migrate)
				.withMessageContaining("0002_index_t1 cannot run in schema acme with the auto lock")
				.withMessageContaining("Nothing was run")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("smalls.lock=session"));
			assertThat(pooled.status().current()).isZero();
			// The session lock asserts a direct connection, whose session keeps the schema.
			SmallsMigrator direct = SmallsMigrator.builder(db.dataSource()).schema("acme").migrations(create, index)
				.lockStrategy(dev.smalls.dialect.LockStrategy.SESSION)
				.build();
			assertThat(direct.migrate().applied()).hasSize(2);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = 'acme' AND "
					+ "indexname = 't1_name'", Integer.class)).isOne();
		}
	}

	@Test
	void twoTenantsWithOneIdAreRefused() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			SmallsTenants runner = SmallsTenants.builder((tenant) -> migrator(tenant, "SELECT SCHEMA()", "none"))
				.tenants(List.of(new SmallsTenant("acme", db.dataSource(), "a"),
						new SmallsTenant("acme", db.dataSource(), "b")))
				.build();
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(runner::migrate)
				.withMessageContaining("Two tenants have the id 'acme'");
		}
	}

	private static SmallsMigrator migrator(SmallsTenant tenant, String whereAmI, String failing) {
		DataSource dataSource = tenant.dataSource();
		SmallsMigration create = SqlMigration.sql(1, "create_t1", "CREATE TABLE t1 (id INT PRIMARY KEY)", "DROP TABLE t1");
		SmallsMigration fill = new SqlMigration(2, "fill_t1", (jdbc) -> {
			String schema = jdbc.queryForObject(whereAmI, String.class);
			if (failing.equalsIgnoreCase(schema)) {
				throw new IllegalStateException("tenant " + failing + " refuses");
			}
			jdbc.update("INSERT INTO t1 (id) VALUES (1)");
			JdbcClient.create(dataSource).sql("INSERT INTO t1 (id) VALUES (2)").update();
		}, (jdbc) -> jdbc.update("DELETE FROM t1"));
		return SmallsMigrator.builder(dataSource).schema(tenant.schema()).migrations(create, fill).build();
	}

	private static String schemaName(FreshDatabase db, int i) {
		// MariaDB's tenants are databases on one server: make them unique to this test's database.
		String base = db.url().substring(db.url().lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_].*", "");
		return (base.startsWith("t_") ? base : "db") + "_tenant_" + i;
	}

	private static String createSchema(TestDatabase database, String schema) {
		return (database == TestDatabase.MARIADB) ? "CREATE DATABASE " + schema : "CREATE SCHEMA " + schema;
	}

	private static int tableCount(JdbcTemplate jdbc, TestDatabase database) {
		String query = switch (database) {
			case POSTGRESQL -> "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()";
			case MARIADB -> "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()";
			default -> "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = SCHEMA()";
		};
		return jdbc.queryForObject(query, Integer.class);
	}

}
