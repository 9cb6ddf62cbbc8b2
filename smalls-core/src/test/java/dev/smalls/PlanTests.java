package dev.smalls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;

import dev.smalls.PlannedMigration.Outcome;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.schema.TestSchemaMigration;
import dev.smalls.testsupport.StatementLog;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plan} runs the pending migrations where nothing is kept and shows every statement
 * they send, however they send it: the same statements, in the same order, as the migrate
 * that follows sends. The migrated database does not change.
 */
class PlanTests {

	/** What smalls itself sends around the migrations' statements: its tables, its lock, its settings. */
	private static final Pattern SMALLS_OWN = Pattern.compile("(?is)^\\s*(SET|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|"
			+ "SHOW|PRAGMA)\\b.*|.*(smalls_|pg_try_advisory|pg_advisory|set_config|current_setting|get_lock|"
			+ "release_lock|is_used_lock|lock_timeout|to_regclass|pg_catalog|connection_id|information_schema|sqlite_master|@@|current_schema).*");

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void thePlanOfTwentyMixedMigrationsIsWhatMigrateThenSendsInOrderAndChangesNothing(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			StatementLog log = new StatementLog(db.dataSource());
			SmallsMigrator migrator = SmallsMigrator.builder(log).migrations(twenty(log))
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			migrator.migrate(3);
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SchemaSnapshot before = SchemaSnapshot.read(db.dataSource());
			List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM accounts ORDER BY id");

			MigrationPlan plan = migrator.plan();

			assertThat(plan.scratch()).isEqualTo(!database.hasTransactionalDdl());
			assertThat(plan.migrations()).extracting(PlannedMigration::sequence)
				.containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(4, 20).boxed().toList());
			assertThat(plan.migrations()).extracting(PlannedMigration::outcome).containsOnly(Outcome.RAN);
			assertThat(plan.migrations()).allSatisfy((migration) -> assertThat(migration.statements()).isNotEmpty());
			// Nothing of the migrated database changed: schema, history, data.
			assertThat(SchemaSnapshot.read(db.dataSource())).isEqualTo(before);
			assertThat(migrator.status().current()).isEqualTo(3);
			assertThat(jdbc.queryForList("SELECT * FROM accounts ORDER BY id")).isEqualTo(rows);
			assertThat(plan.script()).anyMatch((line) -> line.startsWith("-- 0005_client_update"))
				.anyMatch((line) -> line.contains("UPDATE accounts SET balance = balance + ?;"));

			log.clear();
			migrator.migrate();
			List<String> sent = migrationsOwn(log.statements());
			List<String> planned = migrationsOwn(
					plan.migrations().stream().flatMap((migration) -> migration.statements().stream()).toList());
			assertThat(planned).as("the plan against what migrate sent").containsExactlyElementsOf(sent);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aMigrationThatIsNotTransactionalIsShownOrExplainedAndAFailureStopsThePlan(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigration code = SqlMigration.sql(2, "code_outside", "CREATE TABLE outside (id INT PRIMARY KEY)",
					"DROP TABLE outside").outsideTransactions();
			SmallsMigration broken = SqlMigration.sql(3, "broken", "INSERT INTO no_such_table VALUES (1)", "SELECT 1");
			SmallsMigration after = SqlMigration.sql(4, "after", "CREATE TABLE after_it (id INT PRIMARY KEY)",
					"DROP TABLE after_it");
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(new TestSchemaMigration(1, "create_people",
						(s) -> s.createTable("people", (t) -> t.id("id"))), code, broken, after)
				.build();
			SchemaSnapshot before = SchemaSnapshot.read(db.dataSource());

			MigrationPlan plan = migrator.plan();

			assertThat(plan.migrations()).extracting(PlannedMigration::outcome)
				.containsExactly(Outcome.RAN, Outcome.NOT_RUN, Outcome.FAILED, Outcome.NOT_RUN);
			assertThat(plan.migrations().get(1).note()).contains("not transactional");
			assertThat(plan.migrations().get(2).note()).startsWith("Failed: ").containsIgnoringCase("no_such_table");
			assertThat(plan.migrations().get(3).note()).isEqualTo("Not run: a migration before it failed.");
			assertThat(plan.failed()).isTrue();
			assertThat(SchemaSnapshot.read(db.dataSource())).isEqualTo(before);
		}
	}

	static List<String> migrationsOwn(List<String> statements) {
		List<String> own = new ArrayList<>();
		for (String statement : statements) {
			if (!SMALLS_OWN.matcher(statement).matches()) {
				own.add(statement.strip());
			}
		}
		return own;
	}

	/** Twenty migrations that send their statements in every way a migration can. */
	static List<SmallsMigration> twenty(DataSource dataSource) {
		List<SmallsMigration> migrations = new ArrayList<>();
		migrations.add(new TestSchemaMigration(1, "create_accounts", (s) -> s.createTable("accounts", (t) -> {
			t.id("id");
			t.column("email", ColumnType.varchar(100));
			t.column("balance", ColumnType.INTEGER).defaultValue(0);
		})));
		migrations.add(new SqlMigration(2, "template_insert",
				(jdbc) -> jdbc.update("INSERT INTO accounts (email, balance) VALUES (?, ?)", "a@example.com", 10),
				(jdbc) -> jdbc.update("DELETE FROM accounts")));
		migrations.add(new TestSchemaMigration(3, "add_note",
				(s) -> s.addColumn("accounts", "note", ColumnType.varchar(20))));
		migrations.add(new SqlMigration(4, "named_insert",
				(jdbc) -> new NamedParameterJdbcTemplate(dataSource).update(
						"INSERT INTO accounts (email, balance) VALUES (:email, :balance)",
						Map.of("email", "b@example.com", "balance", 20)),
				(jdbc) -> jdbc.update("DELETE FROM accounts WHERE email = 'b@example.com'")));
		migrations.add(new SqlMigration(5, "client_update",
				(jdbc) -> JdbcClient.create(dataSource).sql("UPDATE accounts SET balance = balance + ?")
					.param(5)
					.update(),
				(jdbc) -> jdbc.update("UPDATE accounts SET balance = balance - 5")));
		migrations.add(new SqlMigration(6, "plain_jdbc_index", (jdbc) -> {
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try (PreparedStatement statement = connection.prepareStatement(
					"CREATE INDEX idx_accounts_email ON accounts (email)")) {
				statement.executeUpdate();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}, (jdbc) -> jdbc.execute("DROP INDEX idx_accounts_email")));
		migrations.add(new SqlMigration(7, "data_update",
				(jdbc) -> jdbc.update("UPDATE accounts SET note = 'rich' WHERE balance > 12"),
				(jdbc) -> jdbc.update("UPDATE accounts SET note = NULL")));
		for (int sequence = 8; sequence <= 20; sequence++) {
			String table = "t" + sequence;
			if (sequence % 2 == 0) {
				migrations.add(new TestSchemaMigration(sequence, "create_" + table, (s) -> s.createTable(table, (t) -> {
					t.id("id");
					t.column("label", ColumnType.varchar(30)).notNull();
				})));
			}
			else {
				String previous = "t" + (sequence - 1);
				migrations.add(new SqlMigration(sequence, "fill_" + previous, (jdbc) -> {
					jdbc.update("INSERT INTO " + previous + " (label) VALUES ('one')");
					jdbc.batchUpdate("INSERT INTO " + previous + " (label) VALUES (?)",
							List.of(new Object[] { "two" }, new Object[] { "three" }));
				}, (jdbc) -> jdbc.update("DELETE FROM " + previous)));
			}
		}
		return migrations;
	}

}
