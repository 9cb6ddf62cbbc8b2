package dev.smalls.actuate.endpoint;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SqlMigration;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The guard's second look, under the migration lock, on each database whose lock works
 * differently.
 */
class ExpectedSequenceGuardTests {

	@ParameterizedTest
	@EnumSource(names = { "H2", "POSTGRESQL" })
	void aRunThatFindsTheDatabaseMovedOnUnderTheLockChangesNothing(TestDatabase database) {
		try (FreshDatabase fresh = database.createFreshDatabase()) {
			AtomicReference<SmallsMigrator> holder = new AtomicReference<>();
			ExpectedSequenceGuard guard = new ExpectedSequenceGuard(holder::get);
			SmallsMigrator migrator = SmallsMigrator.builder(fresh.dataSource())
				.migrations(SqlMigration.table(1), SqlMigration.table(2), SqlMigration.table(3))
				.callbacks(guard)
				.build();
			holder.set(migrator);
			migrator.migrate(1);
			migrator.migrate();
			assertThatExceptionOfType(SmallsException.class).isThrownBy(() -> guard.expecting(3, () -> {
				migrator.rollbackBatches(1);
				return migrator.rollbackBatches(1);
			})).withCauseInstanceOf(ExpectedSequenceGuard.SequenceMismatch.class);
			assertThat(migrator.status().current()).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "H2", "POSTGRESQL" })
	void aRunThatFindsTheDatabaseWhereExpectedRuns(TestDatabase database) {
		try (FreshDatabase fresh = database.createFreshDatabase()) {
			AtomicReference<SmallsMigrator> holder = new AtomicReference<>();
			ExpectedSequenceGuard guard = new ExpectedSequenceGuard(holder::get);
			SmallsMigrator migrator = SmallsMigrator.builder(fresh.dataSource())
				.migrations(SqlMigration.table(1), SqlMigration.table(2))
				.callbacks(guard)
				.build();
			holder.set(migrator);
			migrator.migrate();
			assertThat(guard.expecting(2, () -> migrator.rollbackBatches(1)).current()).isZero();
		}
	}

}
