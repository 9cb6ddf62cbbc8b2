package dev.smalls.locks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrateResult;
import dev.smalls.RollbackResult;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsTenant;
import dev.smalls.SmallsTenants;
import dev.smalls.SqlMigration;
import dev.smalls.TenantOutcome;
import dev.smalls.TenantsOutcome;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.testsupport.PgBouncer;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema-per-tenant behind PgBouncer in transaction mode, where consecutive transactions of
 * one client run on different server connections, and a server connection serves other
 * clients in between: 32 tenants, four at a time, whose migrations use unqualified names.
 * Each tenant's work lands in its own schema and nowhere else, and each tenant's history says
 * exactly what its schema holds.
 */
@Tag("pgbouncer")
@EnabledIf(value = "dev.smalls.testsupport.PgBouncer#isInstalled", disabledReason = "PgBouncer is not installed ("
		+ PgBouncer.INSTALL + ")")
class PgBouncerTenantTests {

	private static final int TENANTS = 32;

	private static final int MIGRATIONS = 20;

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = LockStrategy.class, names = { "AUTO", "TRANSACTION" })
	void eachTenantsWorkLandsInItsOwnSchemaAndItsHistoryMatchesIt(LockStrategy strategy) {
		for (int round = 1; round <= 3; round++) {
			try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase();
					HikariDataSource bounced = new HikariDataSource()) {
				JdbcTemplate direct = new JdbcTemplate(db.dataSource());
				List<SmallsTenant> tenants = new ArrayList<>();
				bounced.setJdbcUrl(PgBouncer.inFrontOf(db).url(db));
				bounced.setUsername(db.username());
				bounced.setPassword(db.password());
				bounced.setMaximumPoolSize(8);
				for (int i = 1; i <= TENANTS; i++) {
					direct.execute("CREATE SCHEMA tenant_" + i);
					tenants.add(new SmallsTenant("tenant" + i, bounced, "tenant_" + i));
				}
				SmallsTenants runner = SmallsTenants.builder((tenant) -> SmallsMigrator.builder(tenant.dataSource())
					.schema(tenant.schema())
					.migrations(migrations())
					.lockStrategy(strategy)
					.lockTimeout(Duration.ofSeconds(60))
					.build()).tenants(tenants).parallelism(4).build();
				String context = strategy + " round " + round;

				TenantsOutcome<MigrateResult> migrated = runner.migrate();
				assertThat(migrated.failed()).as(context).extracting(TenantOutcome::failure).isEmpty();
				for (int i = 1; i <= TENANTS; i++) {
					String schema = "tenant_" + i;
					assertThat(history(direct, schema)).as(context + " " + schema)
						.containsExactlyElementsOf(IntStream.rangeClosed(1, MIGRATIONS).boxed().toList());
					assertThat(direct.queryForList("SELECT sequence_no FROM " + schema + ".work ORDER BY sequence_no",
							Integer.class)).as(context + " " + schema)
						.containsExactlyElementsOf(IntStream.rangeClosed(2, MIGRATIONS).boxed().toList());
					assertThat(tables(direct, schema)).as(context + " " + schema).isEqualTo(MIGRATIONS);
				}
				assertThat(tables(direct, "public")).as(context + ": nothing landed in public").isZero();

				TenantsOutcome<RollbackResult> rolledBack = runner.rollback(0);
				assertThat(rolledBack.failed()).as(context).extracting(TenantOutcome::failure).isEmpty();
				for (int i = 1; i <= TENANTS; i++) {
					String schema = "tenant_" + i;
					assertThat(history(direct, schema)).as(context + " " + schema).isEmpty();
					// Only smalls' own tables are left.
					assertThat(tables(direct, schema)).as(context + " " + schema).isZero();
				}
				assertThat(tables(direct, "public")).as(context).isZero();
			}
		}
	}

	/** A table of their own each, and a row in a shared table of the tenant, all by unqualified names. */
	private static List<SmallsMigration> migrations() {
		List<SmallsMigration> migrations = new ArrayList<>();
		migrations.add(SqlMigration.sql(1, "create_work", "CREATE TABLE work (sequence_no INT PRIMARY KEY)",
				"DROP TABLE work"));
		for (int sequence = 2; sequence <= MIGRATIONS; sequence++) {
			int s = sequence;
			migrations.add(new SqlMigration(sequence, "step_" + sequence, (jdbc) -> {
				jdbc.execute("CREATE TABLE t" + s + " (id INT)");
				jdbc.update("INSERT INTO work (sequence_no) VALUES (?)", s);
			}, (jdbc) -> {
				jdbc.update("DELETE FROM work WHERE sequence_no = ?", s);
				jdbc.execute("DROP TABLE t" + s);
			}));
		}
		return migrations;
	}

	private static List<Integer> history(JdbcTemplate jdbc, String schema) {
		return jdbc.queryForList("SELECT sequence_no FROM " + schema + ".smalls_history ORDER BY sequence_no",
				Integer.class);
	}

	/** The tables the migrations made: all but smalls' own (history, interruption marks, layout). */
	private static int tables(JdbcTemplate jdbc, String schema) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?"
				+ " AND table_name NOT LIKE 'smalls\\_%'", Integer.class, schema);
	}

}
