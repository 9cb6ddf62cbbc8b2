package dev.smalls;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.smalls.dialect.LockRequest;
import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.MigrationLock;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the migration lock behaves when things around it go wrong.
 */
class LockTests {

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aLockThatFailsToReleaseAfterMigratingDoesNotLoseWhatWasApplied(TestDatabase kind) throws Exception {
		try (FreshDatabase db = kind.createFreshDatabase()) {
			SmallsDialect detected;
			try (Connection connection = db.dataSource().getConnection()) {
				detected = SmallsDialects.detect(connection);
			}
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(SqlMigration.table(1))
				.dialect(new FailingRelease(detected))
				.build();
			MigrateResult result = migrator.migrate();
			assertThat(result.applied()).extracting(MigrationExecution::sequence).containsExactly(1);
			assertThat(migrator.status().current()).isEqualTo(1);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void aPoolOfOneConnectionMigratesOrSaysWhyItCannot(TestDatabase kind) {
		try (FreshDatabase db = kind.createFreshDatabase(); HikariDataSource single = new HikariDataSource()) {
			single.setJdbcUrl(db.url());
			single.setUsername(db.username());
			single.setPassword(db.password());
			single.setMaximumPoolSize(1);
			single.setConnectionTimeout(500);
			SmallsMigrator migrator = SmallsMigrator.builder(single).migrations(SqlMigration.table(1)).build();
			// H2's lock is a row lock held by an open transaction on a second connection.
			if (kind == TestDatabase.H2) {
				assertThatExceptionOfType(SmallsLockException.class).isThrownBy(migrator::migrate)
					.satisfies((ex) -> assertThat(ex.getAction()).contains("give the pool at least two connections"));
			}
			else {
				assertThat(migrator.migrate().applied()).hasSize(1);
			}
		}
	}

	/** The detected dialect, but releasing its lock fails, as it can when the connection is lost. */
	private static final class FailingRelease implements SmallsDialect {

		private final SmallsDialect delegate;

		FailingRelease(SmallsDialect delegate) {
			this.delegate = delegate;
		}

		@Override
		public String databaseName() {
			return this.delegate.databaseName();
		}

		@Override
		public boolean supportsTransactionalDdl() {
			return this.delegate.supportsTransactionalDdl();
		}

		@Override
		public Set<LockStrategy> lockStrategies() {
			return this.delegate.lockStrategies();
		}

		@Override
		public @Nullable MigrationLock lock(LockRequest request) throws SQLException {
			MigrationLock lock = this.delegate.lock(request);
			return new MigrationLock() {

				@Override
				public @Nullable String heldCondition() {
					return lock.heldCondition();
				}

				@Override
				public void verify(Connection work) throws SQLException {
					lock.verify(work);
				}

				@Override
				public void close() throws SQLException {
					lock.close();
					throw new SQLException("connection reset while releasing");
				}

			};
		}

		@Override
		public String insertHistory(String table, String heldCondition) {
			return this.delegate.insertHistory(table, heldCondition);
		}

		@Override
		public String timestampType() {
			return this.delegate.timestampType();
		}

		@Override
		public boolean isMissingTable(Connection connection, String table, SQLException failure) throws SQLException {
			return this.delegate.isMissingTable(connection, table, failure);
		}

	}

}
