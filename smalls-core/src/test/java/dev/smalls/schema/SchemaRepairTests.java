package dev.smalls.schema;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.ColumnType.INTEGER;
import static dev.smalls.schema.ColumnType.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The building blocks of a repair: which state a schema is in after a run stopped with one
 * operation in doubt, and moving it from there back to where the run started.
 */
class SchemaRepairTests {

	private static final TestSchemaMigration THREE_OPERATIONS = new TestSchemaMigration(2, "add_t_5", (schema) -> {
		schema.createTable("t_5", (table) -> {
			table.id("id");
			table.column("name", varchar(50));
		});
		schema.addColumn("users", "nickname", varchar(50));
		schema.addIndex("users", "users_nickname_idx", "nickname");
	});

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void theOperationInDoubtIsFoundInEffectWhenItsDdlCommitted(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = prepared(db);
			SmallsDialect dialect = SmallsDialects.current(jdbc);
			SchemaPlan plan = SchemaPlan.of(THREE_OPERATIONS);
			plan.run(jdbc, dialect, 0, 2);
			SchemaSnapshot now = SchemaSnapshot.read(jdbc);
			assertThat(plan.stateOf(1, 2, now, dialect)).isEqualTo(2);
			assertThat(plan.stateOf(2, 3, now, dialect)).isEqualTo(2);
			assertThat(plan.stateOf(2, 2, now, dialect)).isEqualTo(2);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void undoingFromTheStateFoundLeavesTheSchemaAsBeforeAndTheMigrationRunsAgain(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = prepared(db);
			SmallsDialect dialect = SmallsDialects.current(jdbc);
			SchemaSnapshot before = snapshot(jdbc);
			SchemaPlan plan = SchemaPlan.of(THREE_OPERATIONS);
			plan.run(jdbc, dialect, 0, 2);

			int state = plan.stateOf(1, 2, SchemaSnapshot.read(jdbc), dialect);
			plan.run(jdbc, dialect, state, 0);

			assertThat(snapshot(jdbc).differencesFrom(before)).isEmpty();
			assertThat(migrator(db).migrate().applied()).hasSize(1);
		}
	}

	@Test
	void anInterruptedRollbackIsRepairedByApplyingAgainWhatItUndid() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			JdbcTemplate jdbc = prepared(db);
			migrator(db).migrate();
			SmallsDialect dialect = SmallsDialects.current(jdbc);
			SchemaSnapshot applied = snapshot(jdbc);
			SchemaPlan plan = SchemaPlan.of(THREE_OPERATIONS);
			plan.run(jdbc, dialect, 3, 1);

			int state = plan.stateOf(1, 2, SchemaSnapshot.read(jdbc), dialect);
			assertThat(state).isEqualTo(1);
			plan.run(jdbc, dialect, state, plan.size());

			assertThat(snapshot(jdbc).differencesFrom(applied)).isEmpty();
		}
	}

	@Test
	void aDataStepInDoubtCannotBeToldFromTheSchemaAndTheRepairSaysSo() {
		try (FreshDatabase db = TestDatabase.MARIADB.createFreshDatabase()) {
			JdbcTemplate jdbc = prepared(db);
			SchemaPlan plan = SchemaPlan.of(new TestSchemaMigration(2, "backfill", (schema) -> {
				schema.addColumn("users", "score", INTEGER);
				schema.run((template) -> template.update("UPDATE users SET score = 1"), (template) -> {
				});
			}));
			SmallsDialect dialect = SmallsDialects.current(jdbc);
			plan.run(jdbc, dialect, 0, 2);

			assertThatExceptionOfType(SmallsException.class)
				.isThrownBy(() -> plan.stateOf(1, 2, SchemaSnapshot.read(jdbc), dialect))
				.withMessage("Operation 2 of 0002_backfill (run (a data step in code)) was running when the process "
						+ "stopped, and whether it took effect cannot be told from the schema.")
				.satisfies((ex) -> assertThat(ex.getAction()).isEqualTo("Check the database for what operation 2 does."));
		}
	}

	@Test
	void theFingerprintTellsWhetherTheCodeStillRecordsTheSameOperations() {
		String recorded = SchemaPlan.of(THREE_OPERATIONS).fingerprint();
		assertThat(SchemaPlan.of(THREE_OPERATIONS).fingerprint()).isEqualTo(recorded).hasSize(64);
		TestSchemaMigration changed = new TestSchemaMigration(2, "add_t_5", (schema) -> {
			THREE_OPERATIONS.change(schema);
			schema.setNotNull("users", "nickname");
		});
		assertThat(SchemaPlan.of(changed).fingerprint()).isNotEqualTo(recorded);
	}

	@Test
	void statesOutsideThePlanAreRefused() {
		SchemaPlan plan = SchemaPlan.of(THREE_OPERATIONS);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> plan.statements(new dev.smalls.dialect.H2Dialect(), 0, 4))
			.withMessage("0002_add_t_5 has states 0 to 3, not 4");
	}

	private static JdbcTemplate prepared(FreshDatabase db) {
		SmallsMigrator.builder(db.dataSource())
			.migrations(SampleSchema.MIGRATION)
			.lockTimeout(Duration.ofSeconds(30))
			.build()
			.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
		SampleSchema.addRows(jdbc);
		return jdbc;
	}

	private static SmallsMigrator migrator(FreshDatabase db) {
		return SmallsMigrator.builder(db.dataSource())
			.migrations(SampleSchema.MIGRATION, THREE_OPERATIONS)
			.lockTimeout(Duration.ofSeconds(30))
			.build();
	}

	private static SchemaSnapshot snapshot(JdbcTemplate jdbc) {
		return SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT);
	}

}
