package dev.smalls.schema;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.schema.SchemaSnapshot.ForeignKey;
import dev.smalls.schema.SchemaSnapshot.Index;
import dev.smalls.schema.SchemaSnapshot.Table;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema read back from JDBC metadata, as comparable values, on every database.
 */
class SchemaSnapshotTests {

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void readsTablesColumnsKeysIndexesAndForeignKeys(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			SchemaSnapshot snapshot = sampleSchema(db);

			assertThat(snapshot.tables()).extracting((table) -> table.name().toLowerCase())
				.containsExactly("legacy", "orders", "users");
			Table users = snapshot.table("users");
			assertThat(users.columns()).extracting((column) -> column.name().toLowerCase())
				.containsExactly("id", "name", "age", "email", "status");
			assertThat(users.column("name").nullable()).isFalse();
			assertThat(users.column("name").defaultValue()).containsIgnoringCase("'x'");
			assertThat(users.column("age").nullable()).isTrue();
			assertThat(users.column("age").defaultValue()).isNull();
			assertThat(users.column("email").size()).isEqualTo(200);
			assertThat(users.primaryKey().columns()).extracting(String::toLowerCase).containsExactly("id");
			Index age = users.index("users_age_idx");
			assertThat(age.unique()).isFalse();
			assertThat(age.columns()).extracting(String::toLowerCase).containsExactly("age");
			assertThat(users.index("users_email_key").unique()).isTrue();
			ForeignKey toUsers = snapshot.table("orders").foreignKey("fk_orders_user");
			assertThat(toUsers.columns()).extracting(String::toLowerCase).containsExactly("user_id");
			assertThat(toUsers.referencedTable()).isEqualToIgnoringCase("users");
			assertThat(toUsers.referencedColumns()).extracting(String::toLowerCase).containsExactly("id");
			assertThat(snapshot.table("legacy").primaryKey().columns()).extracting(String::toLowerCase)
				.containsExactly("code");
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void namesTheDatabaseMadeUpDoNotMakeTwoCreationsOfATableDiffer(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			String create = "CREATE TABLE pairs (a INTEGER NOT NULL, b VARCHAR(10) NOT NULL UNIQUE, PRIMARY KEY (a))";
			jdbc.execute("CREATE TABLE filler (x INTEGER PRIMARY KEY, y VARCHAR(5) UNIQUE)");
			jdbc.execute(create);
			SchemaSnapshot first = SchemaSnapshot.read(jdbc).without("filler");
			jdbc.execute("DROP TABLE pairs");
			jdbc.execute("DROP TABLE filler");
			jdbc.execute(create);

			SchemaSnapshot second = SchemaSnapshot.read(jdbc);

			assertThat(second.differencesFrom(first)).isEmpty();
			assertThat(second).isEqualTo(first);
			assertThat(second.table("pairs").indexes()).singleElement()
				.satisfies((unique) -> assertThat(unique.unique()).isTrue());
		}
	}

	@Test
	void differencesAreSaidInSentences() {
		try (FreshDatabase db = TestDatabase.POSTGRESQL.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SchemaSnapshot before = sampleSchema(db);
			jdbc.execute("ALTER TABLE users ADD COLUMN nickname VARCHAR(20)");
			jdbc.execute("ALTER TABLE users ALTER COLUMN status SET DEFAULT 'active'");
			jdbc.execute("DROP INDEX users_age_idx");
			jdbc.execute("ALTER TABLE orders DROP CONSTRAINT fk_orders_user");
			jdbc.execute("DROP TABLE legacy");
			jdbc.execute("CREATE TABLE notes (id INTEGER)");

			List<String> differences = SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT).differencesFrom(before);

			assertThat(differences).containsExactly("table legacy is missing", "table notes is new",
					"foreign key fk_orders_user on orders (user_id) REFERENCES users (id) is missing",
					"column users.status: default 'active', expected 'new'",
					"column users.nickname is new (VARCHAR(20))",
					"index users_age_idx on users (age) is missing");
		}
	}

	@Test
	void columnOrderIsNotADifference() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE t (a INTEGER, b INTEGER)");
			SchemaSnapshot before = SchemaSnapshot.read(jdbc);
			jdbc.execute("ALTER TABLE t DROP COLUMN a");
			jdbc.execute("ALTER TABLE t ADD COLUMN a INTEGER");
			assertThat(SchemaSnapshot.read(jdbc).differencesFrom(before)).isEmpty();
		}
	}

	@Test
	void aTableWithAnUnderscoreInItsNameIsNotMistakenForItsLookAlikes() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE t_1 (a INTEGER)");
			jdbc.execute("CREATE TABLE tx1 (b INTEGER, c INTEGER)");
			assertThat(SchemaSnapshot.read(jdbc).table("t_1").columns()).singleElement()
				.satisfies((column) -> assertThat(column.name()).isEqualTo("A"));
		}
	}

	@Test
	void aDefaultSpelledAnotherWayIsNotADifference() {
		SchemaSnapshot castToVarchar = SchemaSnapshot.of(List.of(table(column("'x'::character varying"))));
		SchemaSnapshot castToText = SchemaSnapshot.of(List.of(table(column("('x'::text)"))));
		SchemaSnapshot other = SchemaSnapshot.of(List.of(table(column("'X'"))));

		assertThat(castToText.differencesFrom(castToVarchar)).isEmpty();
		assertThat(SchemaSnapshot.of(List.of(table(column("'2020-01-01 00:00:00'::timestamp without time zone"))))
			.differencesFrom(SchemaSnapshot.of(List.of(table(column("'2020-01-01 00:00:00'")))))).isEmpty();
		assertThat(other.differencesFrom(castToVarchar)).containsExactly("column t.c: default 'X', expected 'x'");
	}

	@Test
	void aDefaultWithACastInsideIsComparedWithoutIt() {
		SchemaSnapshot sequence = SchemaSnapshot.of(List.of(table(column("nextval('t_c_seq'::regclass)"))));
		SchemaSnapshot none = SchemaSnapshot.of(List.of(table(column(null))));

		assertThat(none.differencesFrom(sequence)).containsExactly("column t.c: no default, expected nextval('t_c_seq')");
	}

	@Test
	void aSnapshotCanBeCutToSomeTables() {
		SchemaSnapshot snapshot = SchemaSnapshot.of(List.of(new Table("a", List.of(), null, List.of(), List.of()),
				new Table("B", List.of(), null, List.of(), List.of()), new Table("c", List.of(), null, List.of(), List.of())));

		assertThat(snapshot.only("b", "c", "nothing").tables()).extracting(Table::name).containsExactly("B", "c");
		assertThat(snapshot.without("B").tables()).extracting(Table::name).containsExactly("a", "c");
	}

	private static Table table(SchemaSnapshot.Column column) {
		return new Table("t", List.of(column), null, List.of(), List.of());
	}

	private static SchemaSnapshot.Column column(String defaultValue) {
		return new SchemaSnapshot.Column("c", "varchar", 10, 0, true, defaultValue, false);
	}

	private static SchemaSnapshot sampleSchema(FreshDatabase db) {
		SmallsMigrator.builder(db.dataSource())
			.migrations(SampleSchema.MIGRATION)
			.lockTimeout(Duration.ofSeconds(30))
			.build()
			.migrate();
		return SchemaSnapshot.read(db.dataSource()).without(SmallsTables.DEFAULT);
	}

}
