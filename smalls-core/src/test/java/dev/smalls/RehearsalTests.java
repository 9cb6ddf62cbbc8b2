package dev.smalls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.smalls.RehearsalProblem.Leg;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.schema.SchemaPlan;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.schema.TestSchemaMigration;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A rehearsal applies, rolls back and applies again on a scratch schema, names every
 * rollback that does not put the schema back, and leaves the migrated database untouched.
 */
class RehearsalTests {

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void tenRollbacksThatEachForgetSomethingAreEachCaughtAndNamedWithTheObject(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			List<SmallsMigration> migrations = new ArrayList<>(List.of(base()));
			migrations.add(forgets(2, "index", (s) -> s.addIndex("base", "idx_base_label", "label")));
			migrations.add(forgets(3, "default", (s) -> s.setDefault("base", "amount", null, 5)));
			migrations.add(forgets(4, "foreign_key", (s) -> s.addForeignKey("child", "fk_child_base", "base_id", "base",
					"id")));
			migrations.add(forgets(5, "column", (s) -> s.addColumn("base", "extra", ColumnType.INTEGER)));
			migrations.add(forgets(6, "table", (s) -> s.createTable("forgotten", (t) -> t.id("id"))));
			migrations.add(forgets(7, "unique", (s) -> s.addUniqueIndex("base", "uq_base_code", "code")));
			migrations.add(forgets(8, "not_null", (s) -> s.setNotNull("base", "note")));
			migrations.add(forgets(9, "type", (s) -> s.alterColumnType("base", "label", ColumnType.varchar(50),
					ColumnType.varchar(100))));
			migrations.add(new BrokenRollback(10, "drops_too_much", (s) -> s.addColumn("base", "tmp", ColumnType.INTEGER),
					(s) -> {
						s.dropColumn("base", "tmp", ColumnType.INTEGER);
						s.dropColumn("base", "spare", ColumnType.varchar(20));
					}));
			migrations.add(new BrokenRollback(11, "makes_a_table", (s) -> s.createTable("made", (t) -> t.id("id")),
					(s) -> {
						s.dropTable("made", (t) -> t.id("id"));
						s.createTable("stray", (t) -> t.id("id"));
					}));
			SmallsMigrator migrator = migrator(db.dataSource(), migrations);
			SchemaSnapshot before = SchemaSnapshot.read(db.dataSource());

			RehearsalResult result = migrator.rehearse();

			assertThat(result.rehearsed()).extracting(MigrationExecution::sequence)
				.containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
			List<RehearsalProblem> rollbacks = result.problems().stream()
				.filter((problem) -> problem.leg() == Leg.ROLLBACK)
				.toList();
			assertThat(rollbacks).as(result::toString).extracting(RehearsalProblem::sequence)
				.containsExactly(11, 10, 9, 8, 7, 6, 5, 4, 3, 2);
			assertNamed(rollbacks, 2, "idx_base_label");
			assertNamed(rollbacks, 3, "amount");
			assertNamed(rollbacks, 4, "fk_child_base");
			assertNamed(rollbacks, 5, "extra");
			assertNamed(rollbacks, 6, "forgotten");
			assertNamed(rollbacks, 7, "code");
			assertNamed(rollbacks, 8, "note");
			assertNamed(rollbacks, 9, "label");
			assertNamed(rollbacks, 10, "spare");
			assertNamed(rollbacks, 11, "stray");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(result::assertClean)
				.withMessageContaining("0002_forgets_index: its rollback left the schema other than before it was "
						+ "applied");
			// The migrated database: untouched, and no scratch schema left behind.
			assertThat(SchemaSnapshot.read(db.dataSource())).isEqualTo(before);
			assertThat(migrator.status().current()).isZero();
			assertNoScratchLeft(database, db.dataSource());
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void pendingMigrationsWhoseRollbacksPutTheSchemaBackRehearseCleanOnTopOfWhatIsApplied(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			List<SmallsMigration> migrations = List.of(base(),
					new TestSchemaMigration(2, "add_tags", (s) -> {
						s.createTable("tags", (t) -> {
							t.id("id");
							t.column("label", ColumnType.varchar(30)).notNull().unique();
							t.column("base_id", ColumnType.BIGINT);
						});
						s.addForeignKey("tags", "fk_tags_base", "base_id", "base", "id");
						s.addIndex("base", "idx_base_code", "code");
					}),
					SqlMigration.sql(3, "add_notes", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(200))",
							"DROP TABLE notes"),
					// Code that builds its own client on the application's DataSource: it works where
					// the rehearsal runs, never on the migrated database.
					new SqlMigration(4, "via_app_data_source",
							(template) -> JdbcClient.create(db.dataSource())
								.sql("CREATE TABLE via_app (id INT PRIMARY KEY)")
								.update(),
							(template) -> JdbcClient.create(db.dataSource()).sql("DROP TABLE via_app").update()));
			SmallsMigrator migrator = migrator(db.dataSource(), migrations);
			migrator.migrate(1);
			jdbc.update("INSERT INTO base (label, code, amount) VALUES ('kept', 'k', 1)");
			SchemaSnapshot before = SchemaSnapshot.read(db.dataSource());

			RehearsalResult result = migrator.rehearse();

			result.assertClean();
			assertThat(result.rehearsed()).extracting(MigrationExecution::sequence).containsExactly(2, 3, 4);
			assertThat(SchemaSnapshot.read(db.dataSource())).isEqualTo(before);
			assertThat(migrator.status().current()).isEqualTo(1);
			assertThat(jdbc.queryForObject("SELECT label FROM base", String.class)).isEqualTo("kept");
			assertNoScratchLeft(database, db.dataSource());

			RehearsalResult all = migrator.rehearseAll();
			all.assertClean();
			assertThat(all.rehearsed()).extracting(MigrationExecution::sequence).containsExactly(1, 2, 3, 4);

			migrator.migrate();
			RehearsalResult nothing = migrator.rehearse();
			assertThat(nothing.rehearsed()).isEmpty();
			assertThat(nothing.clean()).isTrue();
		}
	}

	private static void assertNamed(List<RehearsalProblem> problems, int sequence, String object) {
		RehearsalProblem problem = problems.stream().filter((p) -> p.sequence() == sequence).findFirst().orElseThrow();
		assertThat(String.join("; ", problem.differences()).toLowerCase(Locale.ROOT)).as(problem.describe())
			.contains(object);
	}

	private static void assertNoScratchLeft(TestDatabase database, DataSource dataSource) {
		if (database == TestDatabase.SQLITE) {
			return;
		}
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		String query = (database == TestDatabase.MARIADB)
				? "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE LOWER(SCHEMA_NAME) LIKE 'smalls_rehearsal_%'"
				: "SELECT COUNT(*) FROM information_schema.schemata WHERE LOWER(schema_name) LIKE 'smalls_rehearsal_%'";
		assertThat(jdbc.queryForObject(query, Integer.class)).isZero();
	}

	private static SmallsMigrator migrator(DataSource dataSource, List<SmallsMigration> migrations) {
		return SmallsMigrator.builder(dataSource).migrations(migrations).lockTimeout(Duration.ofSeconds(30)).build();
	}

	private static SmallsMigration base() {
		return new TestSchemaMigration(1, "create_base", (s) -> {
			s.createTable("base", (t) -> {
				t.id("id");
				t.column("label", ColumnType.varchar(50));
				t.column("code", ColumnType.varchar(20));
				t.column("amount", ColumnType.INTEGER);
				t.column("note", ColumnType.varchar(20));
				t.column("spare", ColumnType.varchar(20));
			});
			s.createTable("child", (t) -> {
				t.id("id");
				t.column("base_id", ColumnType.BIGINT);
			});
		});
	}

	/** A migration whose rollback does nothing: it forgets whatever the migration did. */
	private static SmallsMigration forgets(int sequence, String what, Consumer<Schema> change) {
		return new BrokenRollback(sequence, "forgets_" + what, change, (s) -> {
		});
	}

	/** Schema operations forward; by hand, other schema operations back. */
	static final class BrokenRollback implements SchemaMigration {

		private final int sequence;

		private final String name;

		private final Consumer<Schema> change;

		private final Consumer<Schema> undo;

		BrokenRollback(int sequence, String name, Consumer<Schema> change, Consumer<Schema> undo) {
			this.sequence = sequence;
			this.name = name;
			this.change = change;
			this.undo = undo;
		}

		@Override
		public int sequence() {
			return this.sequence;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public void change(Schema schema) {
			this.change.accept(schema);
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			SchemaPlan undo = SchemaPlan.of(new TestSchemaMigration(this.sequence, this.name, this.undo));
			if (undo.size() > 0) {
				undo.run(jdbc, SmallsDialects.current(jdbc), 0, undo.size());
			}
		}

	}

}
