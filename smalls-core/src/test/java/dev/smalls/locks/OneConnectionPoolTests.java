package dev.smalls.locks;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.smalls.MigrationExecution;
import dev.smalls.SmallsLockException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A pool of one connection, as small services and one-shot jobs often have: every lock
 * strategy either works with it or refuses before anything runs, saying what to do.
 */
class OneConnectionPoolTests {

	static Stream<Arguments> strategies() {
		return Stream.of(TestDatabase.values()).flatMap((database) -> {
			try (FreshDatabase db = database.createFreshDatabase(); Connection connection = db.dataSource().getConnection()) {
				return SmallsDialects.detect(connection).locks().keySet().stream()
					.sorted()
					.map((strategy) -> Arguments.of(database, strategy))
					.toList()
					.stream();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("strategies")
	void aPoolOfOneConnectionMigratesOrRefusesNamingTheWayOut(TestDatabase database, LockStrategy strategy) {
		try (FreshDatabase db = database.createFreshDatabase(); HikariDataSource single = new HikariDataSource()) {
			single.setJdbcUrl(db.url());
			single.setUsername(db.username());
			single.setPassword(db.password());
			single.setMaximumPoolSize(1);
			single.setConnectionTimeout(500);
			SmallsMigrator migrator = SmallsMigrator.builder(single)
				.migrations(SqlMigration.table(1))
				.lockStrategy(strategy)
				.lockTimeout(Duration.ofSeconds(5))
				.build();
			if (needsASecondConnection(database, strategy)) {
				assertThatExceptionOfType(SmallsLockException.class).isThrownBy(migrator::migrate)
					.withMessageContaining("Nothing was run")
					.satisfies((ex) -> assertThat(ex.getAction()).contains("give the pool at least two connections")
						.contains("lease"));
				assertThat(migrator.status().current()).isZero();
			}
			else {
				assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(1);
				assertThat(migrator.lockStatus().held()).isFalse();
			}
		}
	}

	/** The transaction lock holds a transaction open on a connection of its own while the run works. */
	private static boolean needsASecondConnection(TestDatabase database, LockStrategy strategy) {
		if (database == TestDatabase.POSTGRESQL) {
			// Its transaction lock is taken by the migration's own transaction.
			return false;
		}
		List<TestDatabase> rowLockByDefault = List.of(TestDatabase.H2);
		return strategy == LockStrategy.TRANSACTION || (strategy == LockStrategy.AUTO && rowLockByDefault.contains(database));
	}

}
