package dev.smalls;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.smalls.dialect.LockStrategy;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.dialect.lock.LockRequest;
import dev.smalls.dialect.lock.LockType;
import dev.smalls.dialect.lock.MigrationLock;
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
		public Map<LockStrategy, LockType> locks() {
			Map<LockStrategy, LockType> failing = new EnumMap<>(LockStrategy.class);
			this.delegate.locks().forEach((strategy, type) -> failing.put(strategy, new LockType() {

				@Override
				public @Nullable MigrationLock acquire(LockRequest request) throws SQLException {
					MigrationLock lock = type.acquire(request);
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
						public @Nullable String takeInTransaction() {
							return lock.takeInTransaction();
						}

						@Override
						public void close() throws SQLException {
							lock.close();
							throw new SQLException("connection reset while releasing");
						}

					};
				}

			}));
			return failing;
		}

		@Override
		public dev.smalls.dialect.StepStatements stepStatements(dev.smalls.dialect.StepStatements.Settings settings,
				MigrationLock lock) {
			return this.delegate.stepStatements(settings, lock);
		}

		@Override
		public boolean setsSchemaPerTransaction() {
			return this.delegate.setsSchemaPerTransaction();
		}

		@Override
		public @Nullable String inTransactionCondition() {
			return this.delegate.inTransactionCondition();
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
		public String textType() {
			return this.delegate.textType();
		}

		@Override
		public boolean hasTable(Connection connection, String table) throws SQLException {
			return this.delegate.hasTable(connection, table);
		}

		@Override
		public boolean isMissingTable(Connection connection, String table, SQLException failure) throws SQLException {
			return this.delegate.isMissingTable(connection, table, failure);
		}

	}

}
