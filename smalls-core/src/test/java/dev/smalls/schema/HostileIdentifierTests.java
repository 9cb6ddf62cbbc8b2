package dev.smalls.schema;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SchemaDdl;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.ColumnType.INTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A name that is not a plain SQL identifier never reaches the database: the migration is
 * refused when it records its operations, before any of them runs, and the error says which
 * name and what a name may be.
 */
class HostileIdentifierTests {

	private static final List<String> HOSTILE = List.of("users; DROP TABLE users", "users\" --", "x'y", "a b",
			"`users`", "1users", "caf\u00e9", "users)", "a.b.c", "x".repeat(64), "");

	static Stream<Arguments> hostileNamesInEveryPlace() {
		List<Place> places = List.of(new Place("table", (schema, name) -> schema.addColumn(name, "c", INTEGER)),
				new Place("new table", (schema, name) -> schema.createTable(name, (t) -> t.column("id", INTEGER))),
				new Place("column", (schema, name) -> schema.addColumn("users", name, INTEGER)),
				new Place("column in a table definition",
						(schema, name) -> schema.createTable("t", (t) -> t.column(name, INTEGER))),
				new Place("renamed column", (schema, name) -> schema.renameColumn("users", "age", name)),
				new Place("renamed table", (schema, name) -> schema.renameTable("users", name)),
				new Place("index", (schema, name) -> schema.addIndex("users", name, "age")),
				new Place("indexed column", (schema, name) -> schema.addIndex("users", "users_x_idx", name)),
				new Place("foreign key", (schema, name) -> schema.addForeignKey("orders", name, "user_id", "users", "id")),
				new Place("referenced table",
						(schema, name) -> schema.addForeignKey("orders", "fk_x", "user_id", name, "id")),
				new Place("column whose default changes", (schema, name) -> schema.setDefault("users", name, null, 1)),
				new Place("column made not null", (schema, name) -> schema.setNotNull("users", name)));
		return places.stream().flatMap((place) -> HOSTILE.stream().map((name) -> Arguments.of(place, name)));
	}

	@ParameterizedTest(name = "{0}: \"{1}\"")
	@MethodSource("hostileNamesInEveryPlace")
	void isRefusedWhenTheMigrationIsRecorded(Place place, String name) {
		TestSchemaMigration migration = new TestSchemaMigration(2, "hostile",
				(schema) -> place.operation().accept(schema, name));
		assertThatExceptionOfType(SmallsException.class).isThrownBy(() -> SchemaPlan.of(migration))
			.withMessageStartingWith("0002_hostile records an operation smalls refuses: ")
			.withMessageEndingWith(". Nothing ran.")
			.withMessageContaining(name.isEmpty() ? "name must not be empty"
					: "name '" + name + "' is not a plain SQL identifier: use letters, digits and underscores, not "
							+ "starting with a digit, at most 63 characters");
	}

	@Test
	void nothingOfTheMigrationRunsNotEvenTheOperationsBeforeTheHostileOne() {
		try (FreshDatabase db = TestDatabase.MARIADB.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(SampleSchema.MIGRATION, new TestSchemaMigration(2, "hostile", (schema) -> {
					schema.createTable("innocent", (table) -> table.column("id", INTEGER));
					schema.addColumn("users", "x INT); DROP TABLE orders; --", INTEGER);
				}))
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			migrator.migrate(1);
			SchemaSnapshot before = SchemaSnapshot.read(jdbc);

			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("Column name 'x INT); DROP TABLE orders; --' is not a plain SQL identifier");

			assertThat(SchemaSnapshot.read(jdbc).differencesFrom(before)).isEmpty();
			assertThat(migrator.status().current()).isEqualTo(1);
		}
	}

	@Test
	void aSchemaQualifiedTableIsAccepted() {
		SchemaPlan plan = SchemaPlan.of(new TestSchemaMigration(2, "qualified",
				(schema) -> schema.addColumn("app.users", "score", INTEGER)));
		assertThat(plan.operations()).containsExactly("addColumn app.users.score INTEGER");
	}

	@Test
	void typesAndExpressionsWrittenAsGivenCannotCarryAnotherStatement() {
		assertThatIllegalArgumentException().isThrownBy(() -> ColumnType.of("INT; DROP TABLE users"))
			.withMessage("A column type is a type name, without ';' or comments: INT; DROP TABLE users");
		assertThatIllegalArgumentException().isThrownBy(() -> ColumnType.of("INT -- comment"));
		assertThatIllegalArgumentException().isThrownBy(() -> SqlExpression.of("0); DROP TABLE users; --"))
			.withMessageStartingWith("An SQL expression is a single expression, without ';' or comments");
	}

	@Test
	void theDdlRefusesAHostileNameEvenWhenCalledDirectly() {
		assertThatIllegalArgumentException().isThrownBy(() -> SchemaDdl.standard().dropTable("users; DROP TABLE x"))
			.withMessage("'users; DROP TABLE x' is not a plain SQL identifier");
	}

	record Place(String name, BiConsumer<Schema, String> operation) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
