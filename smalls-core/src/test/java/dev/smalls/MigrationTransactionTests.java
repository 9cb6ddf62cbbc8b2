package dev.smalls;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each migration runs in a Spring-managed transaction on the migrated {@code DataSource}:
 * whatever Spring JDBC the migration uses on that {@code DataSource} joins it, and whatever
 * it does to the transaction itself, the history matches what the database holds.
 */
class MigrationTransactionTests {

	private static final String SETUP = "CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))";

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void theGivenTemplateJdbcClientAndNamedParameterTemplateAllJoinTheMigrationsTransaction(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			DataSource dataSource = db.dataSource();
			JdbcTemplate check = new JdbcTemplate(dataSource);
			check.execute(SETUP);
			SmallsMigration writesThreeWaysThenFails = migration(1, (jdbc) -> {
				jdbc.update("INSERT INTO item (id, name) VALUES (1, 'template')");
				JdbcClient.create(dataSource).sql("INSERT INTO item (id, name) VALUES (2, 'client')").update();
				new NamedParameterJdbcTemplate(dataSource).update("INSERT INTO item (id, name) VALUES (:id, :name)",
						Map.of("id", 3, "name", "named"));
				throw new IllegalStateException("boom");
			});
			assertThatExceptionOfType(SmallsMigrationException.class)
				.isThrownBy(() -> migrator(dataSource, writesThreeWaysThenFails).migrate());
			assertThat(check.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isZero();
			SmallsMigration writesThreeWays = migration(1, (jdbc) -> {
				jdbc.update("INSERT INTO item (id, name) VALUES (1, 'template')");
				JdbcClient.create(dataSource).sql("INSERT INTO item (id, name) VALUES (2, 'client')").update();
				new NamedParameterJdbcTemplate(dataSource).update("INSERT INTO item (id, name) VALUES (:id, :name)",
						Map.of("id", 3, "name", "named"));
			});
			migrator(dataSource, writesThreeWays).migrate();
			assertThat(check.queryForList("SELECT name FROM item ORDER BY id", String.class)).containsExactly("template",
					"client", "named");
			assertThat(recorded(check)).containsExactly(1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aMigrationThatRollsBackAndReturnsIsNotRecordedAndItsWorkIsGone(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			JdbcTemplate check = new JdbcTemplate(db.dataSource());
			check.execute(SETUP);
			SmallsMigration rollsBack = migration(1, (jdbc) -> {
				jdbc.update("INSERT INTO item (id, name) VALUES (1, 'x')");
				jdbc.execute((ConnectionCallback<Object>) (connection) -> {
					try {
						connection.rollback();
					}
					catch (java.sql.SQLException ex) {
						// a migration that swallows what went wrong
					}
					return null;
				});
			});
			assertThatExceptionOfType(SmallsMigrationException.class)
				.isThrownBy(() -> migrator(db.dataSource(), rollsBack).migrate())
				.withMessageContaining("tried to end smalls' transaction itself")
				.withMessageContaining("Connection.rollback()")
				.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.ROLLED_BACK));
			assertThat(recorded(check)).isEmpty();
			assertThat(check.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isZero();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aMigrationThatCommitsThenThrowsKeepsNothingAndIsReportedSo(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			JdbcTemplate check = new JdbcTemplate(db.dataSource());
			check.execute(SETUP);
			SmallsMigration commits = migration(1, (jdbc) -> {
				jdbc.update("INSERT INTO item (id, name) VALUES (1, 'x')");
				jdbc.execute((ConnectionCallback<Object>) (connection) -> {
					connection.commit();
					return null;
				});
				throw new IllegalStateException("after commit");
			});
			assertThatExceptionOfType(SmallsMigrationException.class)
				.isThrownBy(() -> migrator(db.dataSource(), commits).migrate())
				.withMessageContaining("Connection.commit()")
				.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.ROLLED_BACK));
			assertThat(recorded(check)).isEmpty();
			assertThat(check.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isZero();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aMigrationThatSwitchesAutoCommitOnAndReturnsIsNotRecordedAndItsWorkIsGone(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			JdbcTemplate check = new JdbcTemplate(db.dataSource());
			check.execute(SETUP);
			SmallsMigration autoCommits = migration(1, (jdbc) -> {
				jdbc.update("INSERT INTO item (id, name) VALUES (1, 'x')");
				try {
					jdbc.execute((ConnectionCallback<Object>) (connection) -> {
						connection.setAutoCommit(true);
						return null;
					});
				}
				catch (RuntimeException ex) {
					// swallowed
				}
			});
			assertThatExceptionOfType(SmallsMigrationException.class)
				.isThrownBy(() -> migrator(db.dataSource(), autoCommits).migrate())
				.withMessageContaining("Connection.setAutoCommit(true)");
			assertThat(recorded(check)).isEmpty();
			assertThat(check.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isZero();
			// The run still works afterwards, on the same pool.
			migrator(db.dataSource(), migration(1, (jdbc) -> jdbc.update("INSERT INTO item (id) VALUES (5)")))
				.migrate();
			assertThat(recorded(check)).containsExactly(1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void anErrorFromAMigrationIsReportedLikeAnExceptionAndTheRunStops(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			JdbcTemplate check = new JdbcTemplate(db.dataSource());
			check.execute(SETUP);
			SmallsMigration asserts = migration(2, (jdbc) -> {
				jdbc.update("INSERT INTO item (id) VALUES (2)");
				throw new AssertionError("invariant broken");
			});
			SmallsMigrator migrator = migrator(db.dataSource(),
					migration(1, (jdbc) -> jdbc.update("INSERT INTO item (id) VALUES (1)")), asserts,
					migration(3, (jdbc) -> jdbc.update("INSERT INTO item (id) VALUES (3)")));
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("Migration 0002_m2 failed: invariant broken")
				.withMessageContaining("Applied before it, and still applied: 0001_m1")
				.satisfies((ex) -> {
					assertThat(ex.getCause()).isInstanceOf(AssertionError.class);
					assertThat(ex.getCurrent()).isEqualTo(1);
				});
			assertThat(recorded(check)).containsExactly(1);
			assertThat(check.queryForList("SELECT id FROM item", Integer.class)).containsExactly(1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aConnectionLostAfterTheMigrationsOwnWorkIsReportedAsARecordingFailure(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			// Checked outside the pool, which may hand out the dropped connection again.
			JdbcTemplate check = new JdbcTemplate(
					new org.springframework.jdbc.datasource.DriverManagerDataSource(db.url(), db.username(), db.password()));
			check.execute(SETUP);
			// The connection drops just as smalls writes the history row: the migration's work
			// is done, recording it is what failed.
			DataSource dropping = new DelegatingDataSource(db.dataSource()) {

				@Override
				public Connection getConnection() throws java.sql.SQLException {
					Connection connection = super.getConnection();
					return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
							new Class<?>[] { Connection.class }, (proxy, method, args) -> {
								if (method.getName().equals("prepareStatement")
										&& ((String) args[0]).contains("INSERT INTO smalls_history (")) {
									connection.unwrap(Connection.class).close();
									throw new java.sql.SQLException("Connection reset", "08006");
								}
								try {
									return method.invoke(connection, args);
								}
								catch (java.lang.reflect.InvocationTargetException ex) {
									throw ex.getCause();
								}
							});
				}

			};
			SmallsMigrator migrator = migrator(dropping,
					migration(1, (jdbc) -> jdbc.update("INSERT INTO item (id, name) VALUES (1, 'x')")));
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("Migration 0001_m1 ran, but smalls could not record it in the history table: "
						+ "Connection reset")
				.withMessageContaining("It is not recorded as applied");
			assertThat(recorded(check)).isEmpty();
			// The database ended the dropped session's transaction: the work is not there either.
			assertThat(check.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isZero();
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aPoolWithoutAutoCommitWorksAndGetsItsConnectionsBackAsLent(TestDatabase kind) throws Exception {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			HikariDataSource manual = new HikariDataSource();
			manual.setJdbcUrl(db.url());
			manual.setUsername(db.username());
			manual.setPassword(db.password());
			manual.setAutoCommit(false);
			manual.setMaximumPoolSize(3);
			try (manual) {
				SmallsMigrator migrator = migrator(manual, SqlMigration.table(1), SqlMigration.table(2));
				assertThat(migrator.migrate().applied()).hasSize(2);
				assertThat(migrator.status().current()).isEqualTo(2);
				assertThat(migrator.rollback(1).rolledBack()).hasSize(1);
				try (Connection connection = manual.getConnection()) {
					assertThat(connection.getAutoCommit()).isFalse();
				}
			}
			assertThat(recorded(new JdbcTemplate(db.dataSource()))).containsExactly(1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aMigratorCalledInsideACallersTransactionCommitsItsMigrationsOnTheirOwn(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute(SETUP);
			jdbc.execute("CREATE TABLE outer_item (id INT PRIMARY KEY)");
			TransactionTemplate outer = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
			outer.executeWithoutResult((status) -> {
				// Only a read: HSQLDB locks whole tables and SQLite the whole database for a
				// writer, and the migration must not wait for the transaction that waits for it.
				jdbc.queryForObject("SELECT COUNT(*) FROM outer_item", Integer.class);
				migrator(db.dataSource(), migration(1, (template) -> template.update("INSERT INTO item (id) VALUES (1)")))
					.migrate();
				status.setRollbackOnly();
			});
			assertThat(jdbc.queryForList("SELECT id FROM item", Integer.class)).containsExactly(1);
			assertThat(recorded(jdbc)).containsExactly(1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void callbacksHearEveryRunAndStepInOrder(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			List<String> heard = new ArrayList<>();
			SmallsCallback callback = new SmallsCallback() {

				@Override
				public void beforeRun(SmallsMigrationException.Operation operation, List<MigrationExecution> planned) {
					heard.add("beforeRun " + operation + " " + planned.stream().map(MigrationExecution::sequence).toList());
				}

				@Override
				public void beforeStep(SmallsMigrationException.Operation operation, int sequence, String name) {
					heard.add("beforeStep " + sequence);
				}

				@Override
				public void afterStep(SmallsMigrationException.Operation operation, MigrationExecution step) {
					heard.add("afterStep " + step.sequence());
				}

				@Override
				public void onStepFailure(SmallsMigrationException.Operation operation, int sequence, String name,
						Throwable failure) {
					heard.add("onStepFailure " + sequence);
				}

				@Override
				public void afterRun(SmallsMigrationException.Operation operation, List<MigrationExecution> completed) {
					heard.add("afterRun " + operation + " " + completed.size());
				}

				@Override
				public void onFailure(SmallsMigrationException.Operation operation, SmallsException failure) {
					heard.add("onFailure " + operation);
				}

			};
			SmallsMigration failing = migration(3, (jdbc) -> {
				throw new IllegalStateException("no");
			});
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(SqlMigration.table(1), SqlMigration.table(2), failing)
				.callbacks(callback)
				.build();
			migrator.migrate(2);
			migrator.rollback(1);
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate);
			// Nothing pending up to 2: no run, no callbacks.
			migrator.migrate(2);
			assertThat(heard).containsExactly("beforeRun MIGRATE [1, 2]", "beforeStep 1", "afterStep 1", "beforeStep 2",
					"afterStep 2", "afterRun MIGRATE 2", "beforeRun ROLLBACK [2]", "beforeStep 2", "afterStep 2",
					"afterRun ROLLBACK 1", "beforeRun MIGRATE [2, 3]", "beforeStep 2", "afterStep 2", "beforeStep 3",
					"onStepFailure 3", "onFailure MIGRATE");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void whatACallbackWritesCommitsOnItsOwnOutsideTheMigrationsTransactions(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			JdbcTemplate audit = new JdbcTemplate(db.dataSource());
			audit.execute("CREATE TABLE audit_log (entry VARCHAR(50))");
			SmallsCallback callback = new SmallsCallback() {

				@Override
				public void afterStep(SmallsMigrationException.Operation operation, MigrationExecution step) {
					audit.update("INSERT INTO audit_log (entry) VALUES (?)", "step " + step.sequence());
				}

				@Override
				public void afterRun(SmallsMigrationException.Operation operation, List<MigrationExecution> completed) {
					audit.update("INSERT INTO audit_log (entry) VALUES (?)", "run " + completed.size());
				}

				@Override
				public void onFailure(SmallsMigrationException.Operation operation, SmallsException failure) {
					audit.update("INSERT INTO audit_log (entry) VALUES (?)", "failed");
				}

			};
			SmallsMigration failing = migration(3, (jdbc) -> {
				throw new IllegalStateException("no");
			});
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(SqlMigration.table(1), SqlMigration.table(2), failing)
				.callbacks(callback)
				.build();
			migrator.migrate(2);
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate);
			assertThat(audit.queryForList("SELECT entry FROM audit_log", String.class)).containsExactly("step 1",
					"step 2", "run 2", "failed");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aCallbackThatFailsBeforeAStepStopsTheRunBeforeItChangesAnything(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			SmallsCallback veto = new SmallsCallback() {

				@Override
				public void beforeStep(SmallsMigrationException.Operation operation, int sequence, String name) {
					if (sequence == 2) {
						throw new IllegalStateException("not today");
					}
				}

			};
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(SqlMigration.table(1), SqlMigration.table(2))
				.callbacks(veto)
				.build();
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("0002_create_t2 did not run: a SmallsCallback failed before it: not today")
				.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.ROLLED_BACK));
			assertThat(recorded(new JdbcTemplate(db.dataSource()))).containsExactly(1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void seedWithoutArgumentsSeedsUnlessTheGuardRefuses(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute(SETUP);
			SmallsSeeder seeder = (template) -> template.update("INSERT INTO item (id, name) VALUES (1, 'seed')");
			SmallsMigrator guarded = SmallsMigrator.builder(db.dataSource())
				.seeders(List.of(seeder))
				.seedGuard(() -> "the prod profile is active")
				.build();
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(guarded::seed)
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(SmallsValidationException.Problem.SEED_REFUSED));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isZero();
			StepsResult result = SmallsMigrator.builder(db.dataSource()).seeders(List.of(seeder)).build().seed();
			assertThat(result.steps()).hasSize(1);
			assertThat(jdbc.queryForObject("SELECT name FROM item", String.class)).isEqualTo("seed");
		}
	}

	/** Where DDL commits at once, smalls cannot promise that nothing is left, and does not. */
	private static SmallsMigrator migrator(DataSource dataSource, SmallsMigration... migrations) {
		return SmallsMigrator.builder(dataSource).migrations(migrations).lockTimeout(Duration.ofSeconds(30)).build();
	}

	private static SmallsMigration migration(int sequence, Consumer<JdbcTemplate> migrate) {
		return new SqlMigration(sequence, "m" + sequence, migrate, (jdbc) -> {
		});
	}

	private static List<Integer> recorded(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT sequence_no FROM smalls_history ORDER BY sequence_no", Integer.class);
	}

}
