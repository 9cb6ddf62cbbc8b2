package dev.smalls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.lint.LintResult;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaRecreation;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.schema.SquashMigration;
import dev.smalls.schema.SquashResult;
import dev.smalls.schema.TestSchemaMigration;
import dev.smalls.testsupport.SquashWorkload;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A squash of 500 migrations builds, on a fresh database, the schema their replay builds, with
 * the history their replay writes; a database past it is unaffected; both kinds of database
 * go on once the squashed classes are deleted.
 */
class SquashTests {

	private static final int THROUGH = 500;

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aSquashOf500MigrationsBuildsTheirSchemaAndHistoryOnAFreshDatabaseAndLeavesOthersAlone(
			TestDatabase database) {
		try (FreshDatabase past = database.createFreshDatabase(); FreshDatabase fresh = database.createFreshDatabase()) {
			List<SmallsMigration> all = SquashWorkload.migrations(1, THROUGH + 10);
			long started = System.nanoTime();
			migrator(past.dataSource(), SquashWorkload.migrations(1, THROUGH)).migrate();
			long replayMillis = (System.nanoTime() - started) / 1_000_000;
			SchemaSnapshot replayed = snapshot(past.dataSource());

			SquashResult result = migrator(past.dataSource(), all).squash(THROUGH);

			assertThat(result.notCarried()).isEmpty();
			assertThat(result.tablesWithRows()).isEmpty();
			assertThat(result.codeMigrations()).isEmpty();
			assertThat(result.replaced()).hasSize(THROUGH);
			assertThat(snapshot(past.dataSource())).isEqualTo(replayed);
			SquashMigration squash = new Squash(result.replaced(), result.operations());
			List<SmallsMigration> withSquash = new ArrayList<>(all);
			withSquash.add(squash);

			started = System.nanoTime();
			MigrateResult built = migrator(fresh.dataSource(), withSquash).migrate(THROUGH);
			long squashMillis = (System.nanoTime() - started) / 1_000_000;
			System.out.printf("squash of %d migrations on %s: replay %d ms (on the scratch %d ms), squash %d ms (on the "
					+ "scratch %d ms): %.1fx%n", THROUGH, database, replayMillis, result.replayMillis(), squashMillis,
					result.squashMillis(), (double) replayMillis / Math.max(1, squashMillis));

			assertThat(built.applied()).extracting(MigrationExecution::sequence).containsExactly(THROUGH);
			assertThat(snapshot(fresh.dataSource()).differencesFrom(replayed)).isEmpty();
			assertThat(history(fresh.dataSource())).isEqualTo(history(past.dataSource()));
			assertThat(appliedBy(fresh.dataSource(), 1)).startsWith("squash 0001-0500 by ");
			assertThat(appliedBy(fresh.dataSource(), THROUGH)).startsWith("squash 0001-0500 by ");
			assertThat(migrator(fresh.dataSource(), withSquash).status().migrations())
				.filteredOn((info) -> info.sequence() <= THROUGH)
				.allMatch((info) -> info.state() == MigrationState.APPLIED);

			MigrateResult rest = migrator(past.dataSource(), withSquash).migrate();
			assertThat(rest.applied()).extracting(MigrationExecution::sequence)
				.containsExactlyElementsOf(range(THROUGH + 1, THROUGH + 10));
			assertThat(migrator(fresh.dataSource(), withSquash).migrate().applied())
				.extracting(MigrationExecution::sequence)
				.containsExactlyElementsOf(range(THROUGH + 1, THROUGH + 10));
			assertThat(snapshot(fresh.dataSource())).isEqualTo(snapshot(past.dataSource()));

			List<SmallsMigration> squashedDeleted = new ArrayList<>(SquashWorkload.migrations(THROUGH + 1, THROUGH + 11));
			squashedDeleted.add(squash);
			for (FreshDatabase db : List.of(past, fresh)) {
				SmallsMigrator migrator = migrator(db.dataSource(), squashedDeleted);
				MigrationStatus status = migrator.status();
				assertThat(status.migrations()).hasSize(THROUGH + 11);
				assertThat(status.inState(MigrationState.MISSING)).isEmpty();
				assertThat(status.notes()).anySatisfy((note) -> assertThat(note).contains("squashed into 0500"));
				assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence)
					.containsExactly(THROUGH + 11);
				assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollback(250))
					.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.MISSING_MIGRATION));
			}

			RollbackResult undone = migrator(fresh.dataSource(), squashedDeleted).rollback(0);
			assertThat(undone.current()).isZero();
			assertThat(snapshot(fresh.dataSource()).tables()).isEmpty();
			assertThat(history(fresh.dataSource())).isEmpty();

			// By batches (511, 501..510, 1..500 by their classes), where only the squash can undo 1..500.
			SmallsMigrator pastDeleted = migrator(past.dataSource(), squashedDeleted);
			assertThat(pastDeleted.rollbackBatches(1).rolledBack()).extracting(MigrationExecution::sequence)
				.containsExactly(THROUGH + 11);
			RollbackResult byBatches = pastDeleted.rollbackBatches(2);
			assertThat(byBatches.current()).isZero();
			assertThat(byBatches.rolledBack()).hasSize(THROUGH + 10);
			assertThat(snapshot(past.dataSource()).tables()).isEmpty();
			assertThat(history(past.dataSource())).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aDatabaseThatAppliedSomeOfTheSquashedMigrationsIsRefusedWhenTheRestHaveNoCode(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			migrator(db.dataSource(), SquashWorkload.migrations(1, 20)).migrate();
			SquashResult result = migrator(db.dataSource(), SquashWorkload.migrations(1, 20)).squash(20);
			FreshDatabase half = database.createFreshDatabase();
			try (half) {
				migrator(half.dataSource(), SquashWorkload.migrations(1, 10)).migrate();
				List<SmallsMigration> squashOnly = List.of(new Squash(result.replaced(), result.operations()));

				assertThatExceptionOfType(SmallsValidationException.class)
					.isThrownBy(() -> migrator(half.dataSource(), squashOnly).migrate())
					.satisfies((ex) -> assertThat(ex.getMessage()).contains("0011 and 9 more"))
					.satisfies((ex) -> assertThat(ex.getAction()).contains("Restore the squashed migration classes"));
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void planLintAndRehearseShowTheSquashWhereItWouldRunAndTheMigrationsPastIt(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase(); FreshDatabase fresh = database.createFreshDatabase()) {
			migrator(db.dataSource(), SquashWorkload.migrations(1, 20)).migrate();
			SquashResult result = migrator(db.dataSource(), SquashWorkload.migrations(1, 20)).squash(20);
			List<SmallsMigration> withSquash = new ArrayList<>(SquashWorkload.migrations(1, 22));
			withSquash.add(new Squash(result.replaced(), result.operations()));
			SmallsMigrator onFresh = migrator(fresh.dataSource(), withSquash);

			MigrationPlan plan = onFresh.plan();

			// What migrate runs here: the squash in place of 1..20, then 21 and 22.
			assertThat(plan.migrations()).extracting(PlannedMigration::sequence).containsExactly(20, 21, 22);
			assertThat(plan.migrations().get(0).name()).isEqualTo("squash_0001_0020");
			assertThat(String.join("\n", plan.migrations().get(0).statements())).containsIgnoringCase("CREATE TABLE")
				.containsIgnoringCase("c_0");
			LintResult lint = onFresh.lint();
			assertThat(lint.migrations()).isEqualTo(3);
			// Indexes and keys on the tables the squash creates block nobody.
			assertThat(lint.findings()).noneMatch((finding) -> finding.migration().contains("squash"));
			RehearsalResult rehearsal = onFresh.rehearse();
			assertThat(rehearsal.problems()).isEmpty();
			assertThat(rehearsal.rehearsed()).extracting(MigrationExecution::sequence)
				.containsExactly(20, 21, 22);
			assertThat(onFresh.rehearseAll().rehearsed()).extracting(MigrationExecution::sequence)
				.containsExactly(20, 21, 22);
			// Nothing was created, smalls' tables included.
			assertThat(snapshot(fresh.dataSource()).tables()).isEmpty();

			// What migrate then runs is what they showed.
			assertThat(onFresh.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(20, 21, 22);

			// Past the squash, they show what runs: 21 and 22.
			SmallsMigrator past = migrator(db.dataSource(), withSquash);
			assertThat(past.plan().migrations()).extracting(PlannedMigration::sequence).containsExactly(21, 22);
			assertThat(past.rehearse().problems()).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aRollbackThroughTheSquashThatTheSquashWouldRefuseUndoesNothing(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase(); FreshDatabase fresh = database.createFreshDatabase()) {
			migrator(db.dataSource(), SquashWorkload.migrations(1, 20)).migrate();
			SquashResult result = migrator(db.dataSource(), SquashWorkload.migrations(1, 20)).squash(20);
			List<SmallsMigration> squashedDeleted = new ArrayList<>(SquashWorkload.migrations(21, 23));
			squashedDeleted.add(new Squash(result.replaced(), result.operations()));
			SmallsMigrator migrator = migrator(fresh.dataSource(), squashedDeleted);
			migrator.migrate();
			// The squash's own row no longer matches its code: its rollback would be refused.
			new JdbcTemplate(fresh.dataSource()).update("UPDATE smalls_history SET checksum = ? WHERE sequence_no = 20",
					"0".repeat(64));
			SchemaSnapshot before = snapshot(fresh.dataSource());

			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollback(0))
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.EDITED_MIGRATION));
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollbackBatches(5))
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.EDITED_MIGRATION));

			// 21..23 above it were not undone either.
			assertThat(history(fresh.dataSource())).hasSize(23);
			assertThat(snapshot(fresh.dataSource())).isEqualTo(before);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aDatabaseThatAppliedSomeOfTheSquashedMigrationsGoesOnWithTheirClassesAndIgnoresTheSquash(
			TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase(); FreshDatabase half = database.createFreshDatabase()) {
			migrator(db.dataSource(), SquashWorkload.migrations(1, 20)).migrate();
			SquashResult result = migrator(db.dataSource(), SquashWorkload.migrations(1, 20)).squash(20);
			migrator(half.dataSource(), SquashWorkload.migrations(1, 10)).migrate();
			List<SmallsMigration> withSquash = new ArrayList<>(SquashWorkload.migrations(1, 20));
			withSquash.add(new Squash(result.replaced(), result.operations()));

			MigrateResult rest = migrator(half.dataSource(), withSquash).migrate();

			assertThat(rest.applied()).extracting(MigrationExecution::sequence).containsExactlyElementsOf(range(11, 20));
			assertThat(snapshot(half.dataSource())).isEqualTo(snapshot(db.dataSource()));
			assertThat(appliedBy(half.dataSource(), 11)).doesNotStartWith("squash");
			assertThat(history(half.dataSource())).isEqualTo(history(db.dataSource()));
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aSquashChosenBeforeAnotherInstanceAppliedAReplacedMigrationBuildsNothing(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase(); FreshDatabase fresh = database.createFreshDatabase()) {
			migrator(db.dataSource(), SquashWorkload.migrations(1, 20)).migrate();
			SquashResult result = migrator(db.dataSource(), SquashWorkload.migrations(1, 20)).squash(20);
			List<SmallsMigration> withSquash = new ArrayList<>(SquashWorkload.migrations(1, 20));
			withSquash.add(new Squash(result.replaced(), result.operations()));
			// What another instance, without the squash, would leave between this run's choice and its step.
			SmallsCallback otherInstance = new SmallsCallback() {

				@Override
				public void beforeStep(SmallsMigrationException.Operation operation, int sequence, String name) {
					JdbcTemplate other = new JdbcTemplate(fresh.dataSource());
					other.update(SmallsDialects.current(other).insertHistory("smalls_history"), 1, "create_a_0", 1,
							new java.sql.Timestamp(System.currentTimeMillis()), 0L, "another instance", null, false);
				}

			};
			SmallsMigrator migrator = SmallsMigrator.builder(fresh.dataSource())
				.migrations(withSquash)
				.callbacks(otherInstance)
				.lockTimeout(Duration.ofSeconds(30))
				.build();

			assertThatExceptionOfType(SmallsException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("Another instance applied migrations the squash");

			assertThat(snapshot(fresh.dataSource()).tables()).isEmpty();
			assertThat(history(fresh.dataSource())).extracting((row) -> ((Number) row.get("sequence_no")).intValue())
				.containsExactly(1);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aSquashIsRefusedThroughAMigrationThatIsPendingUnknownOrEdited(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			migrator(db.dataSource(), SquashWorkload.migrations(1, 10)).migrate();
			SmallsMigrator migrator = migrator(db.dataSource(), SquashWorkload.migrations(1, 12));

			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.squash(12))
				.withMessageContaining("0011 and 1 more");
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.squash(13))
				.withMessageContaining("no migration 0013");
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.squash(0))
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.INVALID_ARGUMENT));
			List<SmallsMigration> edited = new ArrayList<>(SquashWorkload.migrations(1, 10));
			edited.set(3, new TestSchemaMigration(4, "index_a_0_name", (s) -> s.addIndex("a_0", "idx_other", "name")));
			assertThatExceptionOfType(SmallsValidationException.class)
				.isThrownBy(() -> migrator(db.dataSource(), edited).squash(10))
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.EDITED_MIGRATION));
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aSquashListsSeedRowsCodeMigrationsAndViewsItDoesNotCarry(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			List<SmallsMigration> migrations = new ArrayList<>(SquashWorkload.migrations(1, 2));
			migrations.add(new TestSchemaMigration(3, "seed_a_0", (s) -> s.sql(
					"INSERT INTO a_0 (name, code) VALUES ('x', 'y')", "DELETE FROM a_0")));
			migrations.add(new TestSchemaMigration(4, "view_of_a_0",
					(s) -> s.sql("CREATE VIEW v_a_0 AS SELECT name FROM a_0", "DROP VIEW v_a_0")));
			SmallsMigrator migrator = migrator(db.dataSource(), migrations);
			migrator.migrate();

			SquashResult result = migrator.squash(4);

			assertThat(result.tablesWithRows()).containsOnlyKeys(result.tablesWithRows().keySet().iterator().next());
			assertThat(result.tablesWithRows().values()).containsExactly(1L);
			assertThat(result.codeMigrations()).containsExactly("0003_seed_a_0", "0004_view_of_a_0");
			assertThat(result.complete()).isFalse();
			assertThat(result.notCarried()).anySatisfy((line) -> assertThat(line).containsIgnoringCase("v_a_0"));
		}
	}

	private static List<Integer> range(int from, int to) {
		List<Integer> range = new ArrayList<>();
		for (int i = from; i <= to; i++) {
			range.add(i);
		}
		return range;
	}

	private static SmallsMigrator migrator(DataSource dataSource, List<? extends SmallsMigration> migrations) {
		return SmallsMigrator.builder(dataSource).migrations(migrations).lockTimeout(Duration.ofSeconds(30)).build();
	}

	private static SchemaSnapshot snapshot(DataSource dataSource) {
		return SchemaSnapshot.read(dataSource).without(SmallsTables.DEFAULT);
	}

	private static List<Map<String, Object>> history(DataSource dataSource) {
		return new JdbcTemplate(dataSource).queryForList(
				"SELECT sequence_no, name, checksum FROM smalls_history ORDER BY sequence_no");
	}

	private static String appliedBy(DataSource dataSource, int sequence) {
		return new JdbcTemplate(dataSource).queryForObject("SELECT applied_by FROM smalls_history WHERE sequence_no = ?",
				String.class, sequence);
	}

	/** A squash as the generated class is, from what a squash found. */
	static final class Squash implements SquashMigration {

		private final List<Replaced> replaced;

		private final SchemaRecreation operations;

		Squash(List<Replaced> replaced, SchemaRecreation operations) {
			this.replaced = replaced;
			this.operations = operations;
		}

		@Override
		public List<Replaced> replaced() {
			return this.replaced;
		}

		@Override
		public void change(Schema schema) {
			this.operations.record(schema);
		}

	}

}
