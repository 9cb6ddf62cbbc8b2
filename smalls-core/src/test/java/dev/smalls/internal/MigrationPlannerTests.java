package dev.smalls.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smalls.MigrationInfo;
import dev.smalls.MigrationState;
import dev.smalls.MigrationStatus;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsValidationException;
import dev.smalls.SmallsValidationException.Problem;

import static dev.smalls.SqlMigration.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * What a run would do, decided from the code and the history alone: no database.
 */
class MigrationPlannerTests {

	private static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");

	@Test
	void migratePlansEveryPendingMigrationInSequenceOrder() {
		MigrationPlanner planner = planner(false, 5, 1, 3, 2);
		assertThat(sequences(planner, planner.migrate(applied(1, 2), MigrationPlanner.EVERYTHING)))
			.containsExactly(3, 5);
	}

	@Test
	void migrateStopsAtItsTarget() {
		MigrationPlanner planner = planner(false, 1, 2, 3, 4);
		assertThat(sequences(planner, planner.migrate(applied(1), 3))).containsExactly(2, 3);
		assertThat(planner.migrate(applied(1, 2, 3, 4), MigrationPlanner.EVERYTHING)).isEmpty();
		assertThat(planner.migrate(applied(1, 2), 2)).isEmpty();
	}

	@Test
	void aPendingMigrationBelowTheCurrentSequenceIsRefusedUnlessAllowed() {
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> planner(false, 1, 2, 3).migrate(applied(1, 3), MigrationPlanner.EVERYTHING))
			.withMessageContaining("0002_m2 is pending but 0003 is already applied")
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).isEqualTo(Problem.OUT_OF_ORDER);
				assertThat(ex.getSequences()).containsExactly(2);
				assertThat(ex.getAction()).doesNotContain("smalls.out-of-order");
			});
		MigrationPlanner lenient = planner(true, 1, 2, 3);
		assertThat(sequences(lenient, lenient.migrate(applied(1, 3), MigrationPlanner.EVERYTHING))).containsExactly(2);
	}

	@Test
	void aMigrateTargetBelowTheCurrentSequenceIsRefused() {
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> planner(false, 1, 2, 3).migrate(applied(1, 2, 3), 1))
			.withMessageContaining("Cannot migrate to 0001: the current sequence is already 0003")
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.TARGET_BELOW_CURRENT));
	}

	@Test
	void negativeTargetsAndBatchCountsAreRefused() {
		MigrationPlanner planner = planner(false, 1);
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> planner.migrate(applied(), -1))
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.INVALID_ARGUMENT));
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> planner.rollbackTo(History.empty(), -1));
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> planner.rollbackBatches(History.empty(), 0));
	}

	@Test
	void inconsistentMigrationsAreRefusedByEveryPlanWithANewExceptionEachTime() {
		MigrationPlanner planner = planner(false, 1, 1);
		SmallsValidationException first = catchValidation(() -> planner.migrate(applied(), MigrationPlanner.EVERYTHING));
		SmallsValidationException second = catchValidation(() -> planner.rollbackTo(History.empty(), 0));
		assertThat(first.getProblem()).isEqualTo(Problem.INVALID_MIGRATIONS);
		assertThat(first).isNotSameAs(second);
		assertThat(first.getMessage()).contains("both have sequence 0001");
	}

	@Test
	void rollbackToATargetUndoesEverythingAboveItNewestFirst() {
		MigrationPlanner planner = planner(false, 1, 2, 3, 4);
		List<HistoryRow> rows = planner.rollbackTo(history(row(1, 1), row(2, 1), row(3, 2), row(4, 2)), 1);
		assertThat(rows).extracting(HistoryRow::sequence).containsExactly(4, 3, 2);
		assertThat(planner.rollbackTo(history(row(1, 1)), 1)).isEmpty();
	}

	@Test
	void rollbackAboveTheCurrentSequenceIsRefused() {
		assertThatExceptionOfType(SmallsValidationException.class)
			.isThrownBy(() -> planner(false, 1, 2, 3).rollbackTo(history(row(1, 1), row(2, 1)), 3))
			.withMessageContaining("Cannot roll back to 0003: the current sequence is 0002")
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.TARGET_ABOVE_CURRENT));
	}

	@Test
	void rollbackBatchesUndoesTheLatestBatchesNewestFirst() {
		MigrationPlanner planner = planner(false, 1, 2, 3, 4, 5);
		History history = history(row(1, 1), row(2, 2), row(3, 2), row(5, 3), row(4, 4));
		assertThat(planner.rollbackBatches(history, 2)).extracting(HistoryRow::sequence).containsExactly(4, 5);
		assertThat(planner.rollbackBatches(history, 9)).extracting(HistoryRow::sequence).containsExactly(4, 5, 3, 2, 1);
	}

	@Test
	void aMissingMigrationInTheWayOfARollbackIsRefusedNamingIt() {
		MigrationPlanner planner = planner(false, 1, 3);
		History history = history(row(1, 1), row(2, 1), row(3, 1));
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> planner.rollbackTo(history, 1))
			.withMessageContaining("0002_m2 is recorded as applied, but the code has no migration")
			.satisfies((ex) -> {
				assertThat(ex.getProblem()).isEqualTo(Problem.MISSING_MIGRATION);
				assertThat(ex.getSequences()).containsExactly(2);
			});
		assertThat(planner.rollbackTo(history, 2)).extracting(HistoryRow::sequence).containsExactly(3);
	}

	@Test
	void statusMergesTheCodeAndTheHistory() {
		MigrationStatus status = planner(false, 1, 3, 4).status(history(row(1, 1), row(2, 1), row(3, 2)));
		assertThat(status.current()).isEqualTo(3);
		assertThat(status.migrations()).extracting(MigrationInfo::sequence, MigrationInfo::name, MigrationInfo::state,
				MigrationInfo::batch)
			.containsExactly(tuple(1, "m1", MigrationState.APPLIED, 1), tuple(2, "m2", MigrationState.MISSING, 1),
					tuple(3, "m3", MigrationState.APPLIED, 2), tuple(4, "m4", MigrationState.PENDING, null));
	}

	@Test
	void statusOfNothingIsEmpty() {
		MigrationStatus status = planner(false).status(History.empty());
		assertThat(status.current()).isZero();
		assertThat(status.migrations()).isEmpty();
	}

	@Test
	void rowsRecordedWithoutRunningAreAppliedWithTheirOriginWhetherOrNotTheCodeHasThem() {
		MigrationPlanner planner = planner(false, 2, 4);
		MigrationStatus status = planner.status(history(recorded(1, "flyway SQL V1__a.sql checksum=7"),
				recorded(2, "flyway SQL V2__b.sql checksum=8"), row(3, 2)));
		assertThat(status.migrations()).extracting(MigrationInfo::sequence, MigrationInfo::state, MigrationInfo::origin)
			.containsExactly(tuple(1, MigrationState.APPLIED, "flyway SQL V1__a.sql checksum=7"),
					tuple(2, MigrationState.APPLIED, "flyway SQL V2__b.sql checksum=8"),
					tuple(3, MigrationState.MISSING, null), tuple(4, MigrationState.PENDING, null));
	}

	@Test
	void statusNamesAdoptedJavaMigrationsWithoutCodeToPortAndCountsSqlFilesItCannotFind() {
		MigrationPlanner planner = planner(false, 2);
		MigrationStatus status = planner.status(history(recorded(1, "flyway JDBC db.V1__a"),
				recorded(2, "flyway JDBC db.V2__b"), recorded(3, "flyway SPRING_JDBC db.V3__c"),
				recorded(4, "flyway SQL V4__d.sql checksum=7"), recorded(5, "baseline flyway V5 e")));
		assertThat(status.notes()).hasSize(2);
		assertThat(status.notes().get(0)).startsWith(
				"Adopted from Flyway's Java migrations, not yet ported to smalls: 0001_m1, 0003_m3. They count as "
						+ "applied;");
		assertThat(status.notes().get(1))
			.startsWith("1 migration was adopted from Flyway's SQL files that smalls does not find: add Flyway's "
					+ "folder to smalls.sql.locations");
		assertThat(planner.status(history(recorded(2, "flyway JDBC db.V2__b"))).notes()).isEmpty();
	}

	@Test
	void aRollbackUndoesAnAdoptedMigrationThroughItsCodeAndStopsAtOneWithoutCode() {
		MigrationPlanner planner = planner(false, 2, 3);
		History history = history(recorded(1, "flyway JDBC db.V1__a"), recorded(2, "flyway SQL V2__b.sql"),
				row(3, 2));
		assertThat(planner.rollbackTo(history, 1)).extracting(HistoryRow::sequence).containsExactly(3, 2);
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> planner.rollbackTo(history, 0))
			.withMessageContaining("Cannot roll back to 0000: 0001_m1 (flyway JDBC db.V1__a) was adopted")
			.satisfies((ex) -> assertThat(ex.getSequences()).containsExactly(1));
	}

	@Test
	void aRollbackNeverUndoesABaselineEvenWithItsCode() {
		MigrationPlanner planner = planner(false, 1, 2, 3);
		History history = history(recorded(1, "baseline"), recorded(2, "baseline"), row(3, 2));
		assertThat(planner.rollbackBatches(history, 1)).extracting(HistoryRow::sequence).containsExactly(3);
		assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> planner.rollbackBatches(history, 2))
			.withMessageContaining("0002_m2 is a baseline (baseline)")
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.NOT_RUN_BY_SMALLS));
	}

	private static HistoryRow recorded(int sequence, String origin) {
		return new HistoryRow(sequence, "m" + sequence, 1, AT, 0, "me@host", null, origin);
	}

	private static MigrationPlanner planner(boolean outOfOrder, int... sequences) {
		List<SmallsMigration> migrations = Arrays.stream(sequences)
			.mapToObj((sequence) -> (SmallsMigration) sql(sequence, "m" + sequence, "SELECT 1", "SELECT 1"))
			.toList();
		return new MigrationPlanner(new MigrationCatalog(migrations), outOfOrder);
	}

	private static List<Integer> sequences(MigrationPlanner planner, int[] plan) {
		return Arrays.stream(plan).mapToObj((index) -> planner.catalog().sequenceAt(index)).toList();
	}

	private static AppliedSequences applied(int... sequences) {
		return AppliedSequences.of(sequences, sequences.length);
	}

	private static HistoryRow row(int sequence, int batch) {
		return new HistoryRow(sequence, "m" + sequence, batch, AT, 1, "me@host", null);
	}

	private static History history(HistoryRow... rows) {
		return new History(List.of(rows));
	}

	private static SmallsValidationException catchValidation(Runnable call) {
		try {
			call.run();
		}
		catch (SmallsValidationException ex) {
			return ex;
		}
		throw new AssertionError("expected a SmallsValidationException");
	}

}
