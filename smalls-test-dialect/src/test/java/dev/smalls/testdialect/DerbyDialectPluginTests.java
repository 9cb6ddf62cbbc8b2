package dev.smalls.testdialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrationState;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaSnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A database smalls does not ship a dialect for, added by this module's jar alone: smalls
 * finds the dialect through {@code ServiceLoader} and migrates, rolls back, locks and writes
 * schema operations on Apache Derby with it; and a provider of higher priority replaces one
 * of smalls' own.
 */
class DerbyDialectPluginTests {

	private final List<HikariDataSource> pools = new ArrayList<>();

	@AfterEach
	void close() {
		this.pools.forEach(HikariDataSource::close);
	}

	@Test
	void smallsFindsTheDialectThisJarProvides() throws SQLException {
		try (Connection connection = derby().getConnection()) {
			assertThat(SmallsDialects.detect(connection)).isInstanceOf(DerbyDialect.class);
		}
	}

	@Test
	void aProviderOfHigherPriorityReplacesTheOneSmallsShips() throws SQLException {
		HikariDataSource h2 = pool("jdbc:h2:mem:" + UUID.randomUUID());
		try (Connection connection = h2.getConnection()) {
			assertThat(SmallsDialects.detect(connection)).isInstanceOf(ReplacingH2Provider.ReplacedH2Dialect.class);
		}
	}

	@Test
	void codeAndSchemaMigrationsApplyAndRollBackOnDerby() {
		HikariDataSource derby = derby();
		JdbcTemplate jdbc = new JdbcTemplate(derby);
		SmallsMigrator migrator = SmallsMigrator.builder(derby)
			.migrations(new Accounts(), new Audit(), new Renames())
			.build();
		SchemaSnapshot empty = snapshot(jdbc);

		assertThat(migrator.migrate().applied()).hasSize(3);

		assertThat(migrator.status().migrations()).extracting((migration) -> migration.state())
			.containsOnly(MigrationState.APPLIED);
		jdbc.update("INSERT INTO accounts (email, full_name) VALUES ('a@example.com', 'A')");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit", Integer.class)).isOne();
		assertThat(snapshot(jdbc).table("accounts").column("full_name")).isNotNull();
		assertThat(jdbc.queryForObject("SELECT layout FROM smalls_history_layout", Integer.class))
			.isEqualTo(SmallsTables.LAYOUT);
		assertThat(migrator.lockStatus().held()).isFalse();

		assertThat(migrator.rollback(0).rolledBack()).hasSize(3);
		assertThat(snapshot(jdbc).differencesFrom(empty)).isEmpty();
	}

	@Test
	void aFailedMigrationLeavesNothingBehindBecauseDerbyRollsItsDdlBack() {
		HikariDataSource derby = derby();
		JdbcTemplate jdbc = new JdbcTemplate(derby);
		SmallsMigrator migrator = SmallsMigrator.builder(derby)
			.migrations(new Accounts(), new Failing())
			.build();
		SchemaSnapshot before = snapshot(jdbc);

		assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("Migration 0002_failing failed: Operation 2 of 0002_failing")
			.withMessageContaining("Apache Derby rolls the migration's DDL back with its transaction")
			.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.ROLLED_BACK));

		assertThat(migrator.status().current()).isEqualTo(1);
		assertThat(snapshot(jdbc).table("scratch")).isNull();
		assertThat(snapshot(jdbc).differencesFrom(before)).containsExactly("table ACCOUNTS is new");
	}

	@Test
	void instancesRacingOnDerbyApplyEachMigrationOnce() throws Exception {
		String url = "jdbc:derby:memory:" + UUID.randomUUID() + ";create=true";
		HikariDataSource setup = pool(url);
		new JdbcTemplate(setup).execute("CREATE TABLE applied (sequence_no INT NOT NULL, instance INT NOT NULL)");
		int instances = 3;
		ExecutorService executor = Executors.newFixedThreadPool(instances);
		try {
			CyclicBarrier start = new CyclicBarrier(instances);
			List<Future<Integer>> results = new ArrayList<>();
			for (int instance = 1; instance <= instances; instance++) {
				SmallsMigrator migrator = SmallsMigrator.builder(pool(url))
					.migrations(logged(instance, 10))
					.lockTimeout(Duration.ofSeconds(60))
					.build();
				results.add(executor.submit(() -> {
					start.await();
					return migrator.migrate().applied().size();
				}));
			}
			int applied = 0;
			for (Future<Integer> result : results) {
				applied += result.get();
			}
			assertThat(applied).isEqualTo(10);
			assertThat(new JdbcTemplate(setup).queryForList(
					"SELECT sequence_no FROM applied GROUP BY sequence_no HAVING COUNT(*) > 1", Integer.class))
				.isEmpty();
			assertThat(new JdbcTemplate(setup).queryForObject("SELECT COUNT(*) FROM applied", Integer.class))
				.isEqualTo(10);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private HikariDataSource derby() {
		return pool("jdbc:derby:memory:" + UUID.randomUUID() + ";create=true");
	}

	private HikariDataSource pool(String url) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setMaximumPoolSize(4);
		this.pools.add(dataSource);
		return dataSource;
	}

	private static SchemaSnapshot snapshot(JdbcTemplate jdbc) {
		return SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT);
	}

	private static List<SmallsMigration> logged(int instance, int count) {
		List<SmallsMigration> migrations = new ArrayList<>();
		for (int sequence = 1; sequence <= count; sequence++) {
			int number = sequence;
			migrations.add(new SmallsMigration() {

				@Override
				public int sequence() {
					return number;
				}

				@Override
				public String name() {
					return "logged_" + number;
				}

				@Override
				public void migrate(JdbcTemplate jdbc) {
					jdbc.update("INSERT INTO applied (sequence_no, instance) VALUES (?, ?)", number, instance);
				}

				@Override
				public void rollback(JdbcTemplate jdbc) {
					jdbc.update("DELETE FROM applied WHERE sequence_no = ?", number);
				}

			});
		}
		return migrations;
	}

	static final class Accounts implements SchemaMigration {

		@Override
		public int sequence() {
			return 1;
		}

		@Override
		public void change(Schema schema) {
			schema.createTable("accounts", (table) -> {
				table.id("id");
				table.column("email", ColumnType.varchar(200)).notNull().unique();
				table.column("name", ColumnType.varchar(100));
			});
			schema.addIndex("accounts", "accounts_name_idx", "name");
		}

	}

	/** A migration of code, beside the schema migrations. */
	static final class Audit implements SmallsMigration {

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("CREATE TABLE audit (id INT NOT NULL PRIMARY KEY)");
			jdbc.update("INSERT INTO audit (id) VALUES (1)");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("DROP TABLE audit");
		}

	}

	/** Operations Derby writes its own way. */
	static final class Renames implements SchemaMigration {

		@Override
		public int sequence() {
			return 3;
		}

		@Override
		public void change(Schema schema) {
			schema.renameColumn("accounts", "name", "full_name");
			schema.addColumn("accounts", "active", ColumnType.BOOLEAN);
			schema.setNotNull("accounts", "email");
		}

	}

	static final class Failing implements SchemaMigration {

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public void change(Schema schema) {
			schema.createTable("scratch", (table) -> table.id("id"));
			schema.addColumn("no_such_table", "x", ColumnType.INTEGER);
		}

	}

}
