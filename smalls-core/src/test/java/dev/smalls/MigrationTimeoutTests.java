package dev.smalls;

import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code migrationTimeout}: a migration that hangs (a statement that never ends, a wait for
 * a lock) is stopped and rolled back once its time is up, instead of holding the migration
 * lock until somebody notices; the next run can take the lock at once.
 */
class MigrationTimeoutTests {

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = TestDatabase.class, names = { "POSTGRESQL", "MARIADB", "H2" })
	void aMigrationThatRunsPastItsTimeIsStoppedRolledBackAndSaidToHaveTimedOut(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate check = new JdbcTemplate(db.dataSource());
			check.execute("CREATE TABLE item (id INT PRIMARY KEY)");
			SmallsMigrator migrator = migrator(db, (jdbc) -> {
				jdbc.update("INSERT INTO item (id) VALUES (1)");
				jdbc.queryForList(longQuery(database));
			});
			long started = System.nanoTime();
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("Migration 0001_hangs failed: it ran longer than the migration timeout of 1000 ms")
				.withMessageContaining("nothing of it is left")
				.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.ROLLED_BACK));
			System.out.println("[" + database + "] stopped after "
					+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
			assertThat(check.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isZero();
			assertThat(check.queryForList("SELECT sequence_no FROM smalls_history", Integer.class)).isEmpty();
			// The lock went with it.
			SmallsMigrator next = SmallsMigrator.builder(db.dataSource())
				.migrations(SqlMigration.sql(1, "quick", "INSERT INTO item (id) VALUES (2)", "DELETE FROM item"))
				.lockTimeout(Duration.ZERO)
				.build();
			assertThat(next.migrate().applied()).hasSize(1);
		}
	}

	@Test
	void onPostgresqlEvenAStatementSentWithoutSpringIsBoundedByTheStatementTimeout() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			SmallsMigrator migrator = migrator(db, (jdbc) -> jdbc.execute((ConnectionCallback<Object>) (connection) -> {
				try (Statement statement = connection.unwrap(org.postgresql.jdbc.PgConnection.class).createStatement()) {
					return statement.execute("SELECT pg_sleep(30)");
				}
			}));
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("it ran longer than the migration timeout of 1000 ms")
				.withMessageContaining("statement timeout");
		}
	}

	@Test
	void aTimeoutBelowOneSecondIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmallsMigrator.builder(new org.springframework.jdbc.datasource.SimpleDriverDataSource())
				.migrationTimeout(Duration.ofMillis(500)))
			.withMessageContaining("at least 1 second");
	}

	private static SmallsMigrator migrator(FreshDatabase db, Consumer<JdbcTemplate> migrate) {
		return SmallsMigrator.builder(db.dataSource())
			.migrations(new SqlMigration(1, "hangs", migrate, (jdbc) -> {
			}))
			.migrationTimeout(Duration.ofSeconds(1))
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** A query that runs for much longer than a second. */
	private static String longQuery(TestDatabase database) {
		return switch (database) {
			case POSTGRESQL -> "SELECT pg_sleep(30)";
			case MARIADB -> "SELECT SLEEP(30)";
			default -> "SELECT SUM(X * RAND()) FROM SYSTEM_RANGE(1, 100000000000)";
		};
	}

}
