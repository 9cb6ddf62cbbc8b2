package dev.smalls;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A migration that ends smalls' transaction by a way the connection smalls hands it cannot
 * see: SQL ({@code ROLLBACK}, {@code COMMIT}, {@code SET AUTOCOMMIT}), or the connection
 * behind a statement, behind the metadata, or unwrapped to the driver's own. Whatever it
 * does, the history matches the database: work rolled back is not recorded, work committed
 * part-way is not recorded either, and the migration is left interrupted, for a person to
 * look at, rather than run again as if nothing of it were there.
 */
class TransactionControlTests {

	private static final String SETUP = "CREATE TABLE item (id INT PRIMARY KEY)";

	static Stream<Arguments> rollbacks() {
		List<Arguments> arguments = new ArrayList<>();
		for (TestDatabase database : TestDatabase.values()) {
			for (Way way : Way.values()) {
				arguments.add(Arguments.of(database, way));
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("rollbacks")
	void aMigrationThatRollsBackAndReturnsFailsAndNothingOfItIsRecordedOrLeft(TestDatabase database, Way way) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate check = new JdbcTemplate(db.dataSource());
			check.execute(SETUP);
			SmallsMigrator migrator = migrator(db, (jdbc) -> {
				jdbc.update("INSERT INTO item (id) VALUES (1)");
				way.rollback(database, jdbc);
			});
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("Migration 0001_misbehaves failed")
				.withMessageContaining("Its transaction was rolled back: nothing of it is left. It is not recorded")
				.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.ROLLED_BACK));
			assertThat(check.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isZero();
			assertThat(recorded(check)).isEmpty();
			assertThat(migrator.status().migrations().get(0).state()).isEqualTo(MigrationState.PENDING);
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("rollbacks")
	void aMigrationThatCommitsThenThrowsIsNotRecordedAndIsLeftInterruptedWithItsWorkInPlace(TestDatabase database,
			Way way) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate check = new JdbcTemplate(db.dataSource());
			check.execute(SETUP);
			SmallsMigrator migrator = migrator(db, (jdbc) -> {
				jdbc.update("INSERT INTO item (id) VALUES (1)");
				way.commit(database, jdbc);
				throw new IllegalStateException("after its own commit");
			});
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("after its own commit")
				.withMessageNotContaining("nothing of it is left")
				.withMessageContaining("It is marked as interrupted")
				.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.PARTLY_APPLIED));
			assertInterruptedWithItsWorkInPlace(check, migrator);
		}
	}

	static Stream<TestDatabase> autoCommits() {
		return Stream.of(TestDatabase.values());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("autoCommits")
	void aMigrationThatSwitchesAutoCommitOnBehindSmallsBackIsNotRecordedAndIsLeftInterrupted(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate check = new JdbcTemplate(db.dataSource());
			check.execute(SETUP);
			SmallsMigrator migrator = migrator(db, (jdbc) -> {
				jdbc.update("INSERT INTO item (id) VALUES (1)");
				switchAutoCommitOn(database, jdbc);
			});
			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("Migration 0001_misbehaves failed")
				.satisfies((ex) -> assertThat(ex.getOutcome()).isEqualTo(Outcome.PARTLY_APPLIED));
			assertInterruptedWithItsWorkInPlace(check, migrator);
		}
	}

	/** Where SQL can switch auto-commit on, it does; elsewhere the driver's own connection does. */
	private static void switchAutoCommitOn(TestDatabase database, JdbcTemplate jdbc) {
		switch (database) {
			case MARIADB -> jdbc.execute("SET autocommit = 1");
			case H2, HSQLDB -> jdbc.execute("SET AUTOCOMMIT TRUE");
			default -> jdbc.execute((ConnectionCallback<Object>) (connection) -> {
				driverConnection(database, connection).setAutoCommit(true);
				return null;
			});
		}
	}

	private static void assertInterruptedWithItsWorkInPlace(JdbcTemplate check, SmallsMigrator migrator) {
		// What it committed is in the database, and it is not recorded as applied.
		assertThat(check.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isOne();
		assertThat(recorded(check)).isEmpty();
		// It is not run again as if nothing of it were there.
		assertThat(migrator.status().migrations().get(0).state()).isEqualTo(MigrationState.INTERRUPTED);
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(migrator::migrate)
			.withMessageContaining("0001_misbehaves was interrupted while being applied")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("SmallsMigrator.repair(1)"));
		assertThat(check.queryForObject("SELECT COUNT(*) FROM item", Integer.class)).isOne();
		// A person undoes it, and repair forgets the interruption.
		check.update("DELETE FROM item");
		RepairResult repaired = migrator.repair(1);
		assertThat(repaired.undone()).isEmpty();
		assertThat(repaired.applied()).isFalse();
		assertThat(migrator.status().migrations().get(0).state()).isEqualTo(MigrationState.PENDING);
	}

	private static SmallsMigrator migrator(FreshDatabase db, java.util.function.Consumer<JdbcTemplate> migrate) {
		return SmallsMigrator.builder(db.dataSource())
			.migrations(new SqlMigration(1, "misbehaves", migrate, (jdbc) -> {
			}))
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

	private static List<Integer> recorded(JdbcTemplate check) {
		return check.queryForList("SELECT sequence_no FROM smalls_history", Integer.class);
	}

	/** The connection as the driver made it, beneath smalls' guard and the pool's proxy. */
	private static Connection driverConnection(TestDatabase database, Connection connection) throws SQLException {
		Class<? extends Connection> driver = switch (database) {
			case POSTGRESQL -> org.postgresql.jdbc.PgConnection.class;
			case MARIADB -> org.mariadb.jdbc.Connection.class;
			case H2 -> org.h2.jdbc.JdbcConnection.class;
			case HSQLDB -> org.hsqldb.jdbc.JDBCConnection.class;
			case SQLITE -> org.sqlite.SQLiteConnection.class;
		};
		return connection.unwrap(driver);
	}

	/**
	 * The ways around the guarded connection that a migration has.
	 */
	enum Way {

		/** {@code ROLLBACK} or {@code COMMIT} sent as SQL. */
		SQL {
			@Override
			void end(TestDatabase database, JdbcTemplate jdbc, boolean commit) {
				jdbc.execute(commit ? "COMMIT" : "ROLLBACK");
			}
		},

		/** The connection a statement belongs to, which is not smalls' guard. */
		STATEMENT_CONNECTION {
			@Override
			void end(TestDatabase database, JdbcTemplate jdbc, boolean commit) {
				jdbc.execute((ConnectionCallback<Object>) (connection) -> {
					try (Statement statement = connection.createStatement()) {
						end(statement.getConnection(), commit);
					}
					return null;
				});
			}
		},

		/** The connection the metadata belongs to. */
		METADATA_CONNECTION {
			@Override
			void end(TestDatabase database, JdbcTemplate jdbc, boolean commit) {
				jdbc.execute((ConnectionCallback<Object>) (connection) -> {
					end(connection.getMetaData().getConnection(), commit);
					return null;
				});
			}
		},

		/** The driver's own connection, unwrapped from what the migration was given. */
		UNWRAPPED {
			@Override
			void end(TestDatabase database, JdbcTemplate jdbc, boolean commit) {
				jdbc.execute((ConnectionCallback<Object>) (connection) -> {
					end(driverConnection(database, connection), commit);
					return null;
				});
			}
		};

		abstract void end(TestDatabase database, JdbcTemplate jdbc, boolean commit);

		void rollback(TestDatabase database, JdbcTemplate jdbc) {
			end(database, jdbc, false);
		}

		void commit(TestDatabase database, JdbcTemplate jdbc) {
			end(database, jdbc, true);
		}

		static void end(Connection connection, boolean commit) throws SQLException {
			if (commit) {
				connection.commit();
			}
			else {
				connection.rollback();
			}
		}

	}

}
