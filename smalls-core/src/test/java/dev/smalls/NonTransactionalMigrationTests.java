package dev.smalls;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Migrations that opt out of the transaction, for statements a database refuses inside one.
 */
class NonTransactionalMigrationTests {

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void itIsRecordedOnceItSucceedsAndAFailureIsLeftInterruptedUntilAPersonRepairsIt(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE item (id INT PRIMARY KEY)");
			SmallsMigration halfway = new Outside(1, "halfway", (template) -> {
				template.update("INSERT INTO item (id) VALUES (1)");
				template.update("INSERT INTO item (id) VALUES (1)");
			});
			assertThatExceptionOfType(SmallsMigrationException.class)
				.isThrownBy(() -> migrator(db, halfway).migrate())
				.withMessageContaining("It is not transactional: every statement it ran before the failure took effect")
				.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.PARTLY_APPLIED));
			assertThat(jdbc.queryForList("SELECT id FROM item", Integer.class)).containsExactly(1);
			assertThat(jdbc.queryForList("SELECT sequence_no FROM smalls_history", Integer.class)).isEmpty();
			SmallsMigration whole = new Outside(1, "whole", (template) -> template.update("INSERT INTO item (id) VALUES (2)"));
			SmallsMigrator migrator = migrator(db, whole, SqlMigration.table(2));
			// Part of it is in the database: it is not silently run again.
			assertThat(migrator.status().migrations().get(0).state()).isEqualTo(MigrationState.INTERRUPTED);
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(migrator::migrate)
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.INTERRUPTED));
			assertThat(jdbc.queryForList("SELECT id FROM item", Integer.class)).containsExactly(1);
			// A person undoes what it did, and repair forgets the interruption.
			jdbc.update("DELETE FROM item");
			assertThat(migrator.repair(1).undone()).isEmpty();
			assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(1, 2);
			assertThat(jdbc.queryForList("SELECT sequence_no FROM smalls_history ORDER BY sequence_no", Integer.class))
				.containsExactly(1, 2);
		}
	}

	@Test
	void postgresqlCreatesAnIndexConcurrentlyOutsideATransaction() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
			String create = "CREATE INDEX CONCURRENTLY item_name_idx ON item (name)";
			String drop = "DROP INDEX CONCURRENTLY item_name_idx";
			SmallsMigration inTransaction = SqlMigration.sql(1, "index_item_name", create, drop);
			assertThatExceptionOfType(SmallsMigrationException.class)
				.isThrownBy(() -> migrator(db, inTransaction).migrate())
				.withMessageContaining("cannot run inside a transaction block");
			SmallsMigration concurrently = new Outside(1, "index_item_name", (template) -> template.execute(create),
					(template) -> template.execute(drop));
			SmallsMigrator migrator = migrator(db, concurrently);
			migrator.migrate();
			assertThat(indexes(jdbc)).containsExactly("item_name_idx");
			migrator.rollback(0);
			assertThat(indexes(jdbc)).isEmpty();
			assertThat(migrator.status().current()).isZero();
		}
	}

	private static List<String> indexes(JdbcTemplate jdbc) {
		return jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'item' AND indexname <> 'item_pkey'",
				String.class);
	}

	private static SmallsMigrator migrator(FreshDatabase db, SmallsMigration... migrations) {
		return SmallsMigrator.builder(db.dataSource()).migrations(migrations).lockTimeout(Duration.ofSeconds(30)).build();
	}

	private static final class Outside implements SmallsMigration {

		private final SqlMigration delegate;

		Outside(int sequence, String name, java.util.function.Consumer<JdbcTemplate> migrate) {
			this(sequence, name, migrate, (jdbc) -> {
			});
		}

		Outside(int sequence, String name, java.util.function.Consumer<JdbcTemplate> migrate,
				java.util.function.Consumer<JdbcTemplate> rollback) {
			this.delegate = new SqlMigration(sequence, name, migrate, rollback);
		}

		@Override
		public int sequence() {
			return this.delegate.sequence();
		}

		@Override
		public String name() {
			return this.delegate.name();
		}

		@Override
		public boolean transactional() {
			return false;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			this.delegate.migrate(jdbc);
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			this.delegate.rollback(jdbc);
		}

	}

}
