package dev.smalls.schema;

import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationPlan;
import dev.smalls.MigrationState;
import dev.smalls.PlannedMigration;
import dev.smalls.RepairResult;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.H2Dialect;
import dev.smalls.dialect.MySqlDialect;
import dev.smalls.dialect.PostgresDialect;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.ColumnType.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Safe rewrites ({@link Schema#safely}, {@code SmallsMigrator.Builder.safeRewrites}): the
 * statements each database gets, a migrate and rollback round trip on PostgreSQL and
 * MariaDB, a failed concurrent build cleaned up, repair of the {@code INVALID} index a killed
 * one leaves, and MariaDB's refusal of what it cannot do online.
 */
class SafeRewriteTests {

	private static final String TABLES = "CREATE TABLE customers (id BIGINT PRIMARY KEY); "
			+ "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT, note VARCHAR(20))";

	private static final TestSchemaMigration SAFE = new TestSchemaMigration(2, "safe_changes", (schema) -> {
		schema.safely((safe) -> {
			safe.addIndex("orders", "orders_customer_idx", "customer_id");
			safe.addForeignKey("orders", "fk_orders_customer", "customer_id", "customers", "id");
			safe.setNotNull("orders", "customer_id");
		});
		schema.addIndex("orders", "orders_note_idx", "note");
	});

	private static final TestSchemaMigration PLAIN = new TestSchemaMigration(2, "safe_changes", (schema) -> {
		schema.addIndex("orders", "orders_customer_idx", "customer_id");
		schema.addForeignKey("orders", "fk_orders_customer", "customer_id", "customers", "id");
		schema.setNotNull("orders", "customer_id");
		schema.addIndex("orders", "orders_note_idx", "note");
	});

	@Test
	void postgresqlBuildsIndexesConcurrentlyAndValidatesConstraintsSeparately() {
		SchemaPlan plan = SchemaPlan.of(SAFE);
		PostgresDialect postgres = new PostgresDialect();

		assertThat(plan.statements(postgres, 0, plan.size())).containsExactly(
				"-- 1. addIndex orders_customer_idx on orders (customer_id)",
				"CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);",
				"-- 2. addForeignKey fk_orders_customer on orders (customer_id) references customers (id)",
				"ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) "
						+ "NOT VALID;",
				"ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customer;",
				"-- 3. setNotNull orders.customer_id",
				"ALTER TABLE orders ADD CONSTRAINT smalls_not_null_customer_id CHECK (customer_id IS NOT NULL) NOT VALID;",
				"ALTER TABLE orders VALIDATE CONSTRAINT smalls_not_null_customer_id;",
				"ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;",
				"ALTER TABLE orders DROP CONSTRAINT smalls_not_null_customer_id;",
				"-- 4. addIndex orders_note_idx on orders (note)",
				"CREATE INDEX orders_note_idx ON orders (note);");
		assertThat(plan.statements(postgres, plan.size(), 0)).containsExactly(
				"-- undo 4. addIndex orders_note_idx on orders (note)", "DROP INDEX orders_note_idx;",
				"-- undo 3. setNotNull orders.customer_id", "ALTER TABLE orders ALTER COLUMN customer_id DROP NOT NULL;",
				"-- undo 2. addForeignKey fk_orders_customer on orders (customer_id) references customers (id)",
				"ALTER TABLE orders DROP CONSTRAINT fk_orders_customer;",
				"-- undo 1. addIndex orders_customer_idx on orders (customer_id)",
				"DROP INDEX CONCURRENTLY orders_customer_idx;");
		assertThat(plan.runsOutsideTransaction(postgres)).isTrue();
		assertThat(SchemaPlan.of(PLAIN).runsOutsideTransaction(postgres)).isFalse();
	}

	@Test
	void safeRewritesLeaveTheChecksumAndTheFingerprintAsTheyWere() {
		assertThat(SchemaPlan.of(SAFE).checksum()).isEqualTo(SchemaPlan.of(PLAIN).checksum());
		assertThat(SchemaPlan.of(SAFE).fingerprint()).isEqualTo(SchemaPlan.of(PLAIN).fingerprint());
		assertThat(SchemaPlan.of(PLAIN).withSafeRewrites().statements(new PostgresDialect(), 0, 4))
			.contains("CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);");
	}

	@Test
	void mariaDbAsksForEachChangeOnline() {
		SchemaPlan plan = SchemaPlan.of(new TestSchemaMigration(2, "online", (schema) -> schema.safely((safe) -> {
			safe.addColumn("orders", "shipped", INTEGER);
			safe.addIndex("orders", "orders_customer_idx", "customer_id");
		})));

		assertThat(plan.statements(new MySqlDialect("MariaDB"), 0, 2)).containsExactly(
				"-- 1. addColumn orders.shipped INTEGER",
				"ALTER TABLE orders ADD COLUMN shipped INT, ALGORITHM=INPLACE, LOCK=NONE;",
				"-- 2. addIndex orders_customer_idx on orders (customer_id)",
				"CREATE INDEX orders_customer_idx ON orders (customer_id) ALGORITHM=INPLACE LOCK=NONE;");
		assertThat(plan.statements(new MySqlDialect("MariaDB"), 2, 0)).containsExactly(
				"-- undo 2. addIndex orders_customer_idx on orders (customer_id)",
				"ALTER TABLE orders DROP INDEX orders_customer_idx, ALGORITHM=INPLACE, LOCK=NONE;",
				"-- undo 1. addColumn orders.shipped INTEGER",
				"ALTER TABLE orders DROP COLUMN shipped, ALGORITHM=INPLACE, LOCK=NONE;");
		assertThat(plan.runsOutsideTransaction(new MySqlDialect("MariaDB"))).isFalse();
	}

	@Test
	void aDatabaseWithoutSafeFormsRunsTheOperationsAsWrittenAndThePlanSaysSo() {
		SchemaPlan plan = SchemaPlan.of(SAFE);

		assertThat(plan.statements(new H2Dialect(), 0, 1)).containsExactly(
				"-- 1. addIndex orders_customer_idx on orders (customer_id)",
				"-- (safely: H2 has no safe form of this operation; it runs as written)",
				"CREATE INDEX orders_customer_idx ON orders (customer_id);");
		assertThat(plan.runsOutsideTransaction(new H2Dialect())).isFalse();
	}

	@Test
	void onPostgresqlASafeMigrationRunsOutsideATransactionAndRollsBackByItsSafeInverses() {
		try (FreshDatabase db = TestDatabase.postgresql().createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, SAFE);
			jdbc.update("INSERT INTO customers VALUES (1)");
			jdbc.update("INSERT INTO orders (id, customer_id) VALUES (1, 1)");

			assertThat(migrator.sql(2, false).lines()).contains("CREATE INDEX CONCURRENTLY orders_customer_idx ON "
					+ "orders (customer_id);");
			MigrationPlan plan = migrator.plan();
			PlannedMigration planned = plan.migrations().get(plan.migrations().size() - 1);
			assertThat(planned.outcome()).isEqualTo(PlannedMigration.Outcome.SHOWN);
			assertThat(planned.statements()).contains("ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customer;");
			assertThat(planned.note()).contains("outside a transaction");

			assertThat(migrator.migrate().applied()).hasSize(1);
			assertThat(jdbc.queryForObject("SELECT indisvalid FROM pg_index WHERE indexrelid = "
					+ "'orders_customer_idx'::regclass", Boolean.class)).isTrue();
			assertThat(jdbc.queryForObject("SELECT convalidated FROM pg_constraint WHERE conname = "
					+ "'fk_orders_customer'", Boolean.class)).isTrue();
			assertThat(jdbc.queryForObject("SELECT is_nullable FROM information_schema.columns WHERE table_name = "
					+ "'orders' AND column_name = 'customer_id'", String.class)).isEqualTo("NO");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_constraint WHERE conname LIKE 'smalls_not_null%'",
					Integer.class)).isZero();

			migrator.rollback(1);
			assertThat(jdbc.queryForObject("SELECT to_regclass('orders_customer_idx') IS NULL", Boolean.class)).isTrue();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_constraint WHERE conname = 'fk_orders_customer'",
					Integer.class)).isZero();
			assertThat(jdbc.queryForObject("SELECT is_nullable FROM information_schema.columns WHERE table_name = "
					+ "'orders' AND column_name = 'customer_id'", String.class)).isEqualTo("YES");
			assertThat(migrator.migrate().applied()).hasSize(1);
		}
	}

	@Test
	void aFailedConcurrentBuildLeavesNoInvalidIndexAndUndoesWhatRanBeforeIt() {
		try (FreshDatabase db = TestDatabase.postgresql().createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, new TestSchemaMigration(2, "unique_notes", (schema) -> {
				schema.addColumn("orders", "shipped", INTEGER);
				schema.safely((safe) -> safe.addUniqueIndex("orders", "orders_note_key", "note"));
			}));
			jdbc.update("INSERT INTO orders (id, note) VALUES (1, 'same'), (2, 'same')");

			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("Operation 2 of 0002_unique_notes (addUniqueIndex orders_note_key on orders "
						+ "(note)) failed on PostgreSQL")
				.withMessageContaining("smalls reversed this run, newest first: 1. addColumn orders.shipped");
			assertThat(jdbc.queryForObject("SELECT to_regclass('orders_note_key') IS NULL", Boolean.class)).isTrue();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.columns WHERE column_name = "
					+ "'shipped'", Integer.class)).isZero();
			assertThat(migrator.status().migrations().get(1).state()).isEqualTo(MigrationState.PENDING);
		}
	}

	@Test
	void repairDropsTheInvalidIndexAKilledConcurrentBuildLeft() {
		TestSchemaMigration unique = new TestSchemaMigration(2, "unique_notes",
				(schema) -> schema.safely((safe) -> safe.addUniqueIndex("orders", "orders_note_key", "note")));
		try (FreshDatabase db = TestDatabase.postgresql().createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, unique);
			jdbc.update("INSERT INTO orders (id, note) VALUES (1, 'same'), (2, 'same')");
			// What a process killed during the build leaves: the mark, and an INVALID index
			// (here from a build that failed on the duplicates, as a killed one fails).
			jdbc.update("INSERT INTO smalls_history_interrupted (sequence_no, name, operation, certain, possible, "
					+ "fingerprint, started_at) VALUES (2, 'unique_notes', 'MIGRATE', 0, 1, ?, ?)",
					SchemaPlan.of(unique).fingerprint(), Timestamp.from(Instant.now()));
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> jdbc.execute("CREATE UNIQUE INDEX CONCURRENTLY orders_note_key ON orders (note)"));
			assertThat(jdbc.queryForObject("SELECT indisvalid FROM pg_index WHERE indexrelid = "
					+ "'orders_note_key'::regclass", Boolean.class)).isFalse();

			RepairResult repaired = migrator.repair(2);

			assertThat(repaired.undone()).containsExactly("1. addUniqueIndex orders_note_key on orders (note): removed "
					+ "what it left half-done (DROP INDEX CONCURRENTLY orders_note_key)");
			assertThat(jdbc.queryForObject("SELECT to_regclass('orders_note_key') IS NULL", Boolean.class)).isTrue();
			assertThat(migrator.status().migrations().get(1).state()).isEqualTo(MigrationState.PENDING);
		}
	}

	@Test
	void onMariaDbASafeMigrationRunsOnlineAndRollsBack() {
		try (FreshDatabase db = TestDatabase.mariadb().createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, new TestSchemaMigration(2, "online", (schema) -> {
				schema.safely((safe) -> {
					safe.addColumn("orders", "shipped", INTEGER);
					safe.addIndex("orders", "orders_customer_idx", "customer_id");
					safe.setNotNull("orders", "id");
				});
			}));

			assertThat(migrator.migrate().applied()).hasSize(1);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.statistics WHERE table_schema = "
					+ "DATABASE() AND index_name = 'orders_customer_idx'", Integer.class)).isOne();
			migrator.rollback(1);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = "
					+ "DATABASE() AND column_name = 'shipped'", Integer.class)).isZero();
		}
	}

	@Test
	void mariaDbRefusesWhatItCannotDoOnlineAndSaysWhatToDoInstead() {
		try (FreshDatabase db = TestDatabase.mariadb().createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, new TestSchemaMigration(2, "key", (schema) -> schema.safely(
					(safe) -> safe.addForeignKey("orders", "fk_orders_customer", "customer_id", "customers", "id"))));

			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("Operation 1 of 0002_key (addForeignKey fk_orders_customer on orders "
						+ "(customer_id) references customers (id)) failed on MariaDB: MariaDB cannot make this change "
						+ "without blocking writes to the table, so it refused the safe rewrite (")
				.withMessageContaining("Run this operation outside Schema.safely(..) and without safe rewrites, in a "
						+ "maintenance window");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.table_constraints WHERE "
					+ "table_schema = DATABASE() AND constraint_name = 'fk_orders_customer'", Integer.class)).isZero();
		}
	}

	/**
	 * The refusal (SQLSTATE 0A000) does not reach HikariCP, which would close the connection:
	 * the operation before it is undone on that connection, and the migration is pending again,
	 * not interrupted.
	 */
	@Test
	void aMariaDbRefusalAfterAnotherOperationUndoesItAndLeavesTheMigrationPending() {
		try (FreshDatabase db = TestDatabase.mariadb().createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, new TestSchemaMigration(2, "note_and_key", (schema) -> {
				schema.addColumn("orders", "note2", ColumnType.varchar(20));
				schema.safely((safe) -> safe.addForeignKey("orders", "fk_orders_customer", "customer_id", "customers",
						"id"));
			}));

			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("refused the safe rewrite")
				.satisfies((ex) -> assertThat(ex.getOutcome()).as(ex.getMessage()).isEqualTo(SmallsMigrationException.Outcome.ROLLED_BACK));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.columns WHERE "
					+ "table_schema = DATABASE() AND table_name = 'orders' AND column_name = 'note2'", Integer.class))
				.isZero();
			assertThat(migrator.status().migrations()).extracting(dev.smalls.MigrationInfo::state)
				.containsExactly(dev.smalls.MigrationState.APPLIED, dev.smalls.MigrationState.PENDING);
			assertThat(migrator.lockStatus().held()).isFalse();
		}
	}

	@Test
	void theMigratorSettingRewritesEveryOperation() {
		try (FreshDatabase db = TestDatabase.postgresql().createFreshDatabase()) {
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(tables(), PLAIN)
				.safeRewrites(true)
				.build();

			assertThat(migrator.sql(2, false).lines()).contains(
					"CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);",
					"CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);");
			assertThat(migrator.migrate().applied()).hasSize(2);
			assertThat(migrator.rollback(0).rolledBack()).hasSize(2);
		}
	}

	private static SmallsMigrator migrator(FreshDatabase db, TestSchemaMigration migration) {
		SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource()).migrations(tables(), migration).build();
		migrator.migrate(1);
		return migrator;
	}

	private static TestSchemaMigration tables() {
		return new TestSchemaMigration(1, "tables", (schema) -> {
			for (String sql : TABLES.split("; ")) {
				schema.sql(sql, "");
			}
		});
	}

}
