package dev.smalls.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.HandMadeSchema.ORDERS;
import static dev.smalls.schema.HandMadeSchema.rebuildOrdersOnSqlite;
import static dev.smalls.testsupport.TestDatabase.H2;
import static dev.smalls.testsupport.TestDatabase.MARIADB;
import static dev.smalls.testsupport.TestDatabase.POSTGRESQL;
import static dev.smalls.testsupport.TestDatabase.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What drift detection rests on: a schema changed by hand, in plain SQL as a person would,
 * differs from its snapshot in exactly one sentence that names what changed and shows both
 * values, on every database; and a schema nobody changed does not differ at all.
 */
class SchemaDriftDetectionTests {

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("handChanges")
	void aChangeByHandIsFoundAndNamed(TestDatabase database, HandChange change) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			HandMadeSchema.create(jdbc);
			SchemaSnapshot expected = SchemaSnapshot.read(jdbc);
			change.statements(database).forEach(jdbc::execute);

			List<String> differences = SchemaSnapshot.read(jdbc).differencesFrom(expected);

			assertThat(differences).singleElement()
				.satisfies((difference) -> assertThat(difference.toLowerCase(Locale.ROOT))
					.isEqualTo(change.difference(database)));
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void twoSnapshotsOfAnUnchangedSchemaDoNotDiffer(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			HandMadeSchema.create(jdbc);
			SchemaSnapshot first = SchemaSnapshot.read(jdbc);

			SchemaSnapshot second = SchemaSnapshot.read(jdbc);

			assertThat(second.differencesFrom(first)).isEmpty();
			assertThat(first.differencesFrom(second)).isEmpty();
			assertThat(first.tables()).hasSize(4);
		}
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(TestDatabase.class)
	void twoCreationsOfTheSameSchemaDoNotDiffer(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase(); FreshDatabase other = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			HandMadeSchema.create(jdbc);
			SchemaSnapshot first = SchemaSnapshot.read(jdbc);
			HandMadeSchema.drop(jdbc);
			HandMadeSchema.create(jdbc);
			JdbcTemplate elsewhere = new JdbcTemplate(other.dataSource());
			// Names the database makes up are numbered on: make the second creation's differ.
			elsewhere.execute("CREATE TABLE filler (x INTEGER PRIMARY KEY, y VARCHAR(5) UNIQUE)");
			HandMadeSchema.create(elsewhere);

			SchemaSnapshot again = SchemaSnapshot.read(jdbc);
			SchemaSnapshot inAnotherDatabase = SchemaSnapshot.read(elsewhere).without("filler");

			assertThat(again.differencesFrom(first)).isEmpty();
			assertThat(inAnotherDatabase.differencesFrom(first)).isEmpty();
		}
	}

	static Stream<Arguments> handChanges() {
		return Arrays.stream(TestDatabase.values())
			.flatMap((database) -> Arrays.stream(HandChange.values()).map((change) -> Arguments.of(database, change)));
	}

	/**
	 * A change made by hand: its SQL on each database, and the difference it makes, in lower
	 * case, with the database's names of the types.
	 */
	enum HandChange {

		ADDED_COLUMN("column orders.nickname is new ({varchar}(20))",
				(database) -> List.of("ALTER TABLE orders ADD COLUMN nickname VARCHAR(20)")),

		DROPPED_COLUMN("column orders.note is missing (expected {varchar}(100))",
				(database) -> List.of("ALTER TABLE orders DROP COLUMN note")),

		DROPPED_INDEX("index orders_status_idx on orders (status) is missing",
				(database) -> List.of((database == MARIADB) ? "DROP INDEX orders_status_idx ON orders"
						: "DROP INDEX orders_status_idx")),

		ADDED_INDEX("index orders_email_idx on orders (email) is new",
				(database) -> List.of("CREATE INDEX orders_email_idx ON orders (email)")),

		CHANGED_DEFAULT("column orders.status: default 'open', expected 'new'",
				(database) -> (database == SQLITE)
						? rebuildOrdersOnSqlite(ORDERS.replace("DEFAULT 'new'", "DEFAULT 'open'"))
						: List.of("ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'open'")),

		DROPPED_DEFAULT("column orders.status: no default, expected 'new'",
				(database) -> (database == SQLITE) ? rebuildOrdersOnSqlite(ORDERS.replace(" DEFAULT 'new'", ""))
						: List.of("ALTER TABLE orders ALTER COLUMN status DROP DEFAULT")),

		WIDENED_TYPE("column orders.email: type {varchar}(100), expected {varchar}(50)",
				(database) -> switch (database) {
					case POSTGRESQL -> List.of("ALTER TABLE orders ALTER COLUMN email TYPE VARCHAR(100)");
					case MARIADB -> List.of("ALTER TABLE orders MODIFY email VARCHAR(100)");
					case SQLITE -> rebuildOrdersOnSqlite(ORDERS.replace("email VARCHAR(50)", "email VARCHAR(100)"));
					default -> List.of("ALTER TABLE orders ALTER COLUMN email SET DATA TYPE VARCHAR(100)");
				}),

		CHANGED_TYPE("column orders.amount: type {bigint}, expected {integer}",
				(database) -> switch (database) {
					case POSTGRESQL -> List.of("ALTER TABLE orders ALTER COLUMN amount TYPE BIGINT");
					case MARIADB -> List.of("ALTER TABLE orders MODIFY amount BIGINT");
					case SQLITE -> rebuildOrdersOnSqlite(ORDERS.replace("amount INTEGER", "amount BIGINT"));
					default -> List.of("ALTER TABLE orders ALTER COLUMN amount SET DATA TYPE BIGINT");
				}),

		MADE_NOT_NULL("column orders.email: not null, expected nullable",
				(database) -> switch (database) {
					case MARIADB -> List.of("ALTER TABLE orders MODIFY email VARCHAR(50) NOT NULL");
					case SQLITE -> rebuildOrdersOnSqlite(ORDERS.replace("email VARCHAR(50)", "email VARCHAR(50) NOT NULL"));
					default -> List.of("ALTER TABLE orders ALTER COLUMN email SET NOT NULL");
				}),

		NEW_TABLE("table notes is new", (database) -> List.of("CREATE TABLE notes (id INTEGER)")),

		DROPPED_TABLE("table legacy is missing", (database) -> List.of("DROP TABLE legacy")),

		DROPPED_FOREIGN_KEY("foreign key fk_orders_customer on orders (customer_id) references customers (id) is missing",
				(database) -> switch (database) {
					case MARIADB -> List.of("ALTER TABLE orders DROP FOREIGN KEY fk_orders_customer");
					case SQLITE -> rebuildOrdersOnSqlite(ORDERS.replace(
							", CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)", ""));
					default -> List.of("ALTER TABLE orders DROP CONSTRAINT fk_orders_customer");
				}),

		ADDED_UNIQUE_CONSTRAINT("unique index {orders_email_key }on orders (email) is new",
				(database) -> List.of((database == SQLITE) ? "CREATE UNIQUE INDEX orders_email_key ON orders (email)"
						: "ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE (email)")),

		CHANGED_PRIMARY_KEY("primary key of legacy: (code, region), expected (code)",
				(database) -> switch (database) {
					case POSTGRESQL -> List.of("ALTER TABLE legacy DROP CONSTRAINT legacy_pkey",
							"ALTER TABLE legacy ADD PRIMARY KEY (code, region)");
					case MARIADB -> List.of("ALTER TABLE legacy DROP PRIMARY KEY, ADD PRIMARY KEY (code, region)");
					case SQLITE -> List.of(
							"CREATE TABLE legacy_new (code VARCHAR(10) NOT NULL, region VARCHAR(10) NOT NULL, "
									+ "PRIMARY KEY (code, region))",
							"INSERT INTO legacy_new SELECT * FROM legacy", "DROP TABLE legacy",
							"ALTER TABLE legacy_new RENAME TO legacy");
					default -> List.of("ALTER TABLE legacy DROP PRIMARY KEY",
							"ALTER TABLE legacy ADD PRIMARY KEY (code, region)");
				});

		private final String difference;

		private final Function<TestDatabase, List<String>> statements;

		HandChange(String difference, Function<TestDatabase, List<String>> statements) {
			this.difference = difference;
			this.statements = statements;
		}

		List<String> statements(TestDatabase database) {
			return this.statements.apply(database);
		}

		/** The difference: the database's type names, and a unique index's name where it keeps it. */
		String difference(TestDatabase database) {
			boolean namesUniqueIndexes = database != H2;
			return this.difference.replace("{varchar}", (database == H2) ? "character varying" : "varchar")
				.replace("{integer}", switch (database) {
					case POSTGRESQL -> "int4";
					case MARIADB -> "int";
					default -> "integer";
				})
				.replace("{bigint}", (database == POSTGRESQL) ? "int8" : "bigint")
				.replace("{orders_email_key }", namesUniqueIndexes ? "orders_email_key " : "");
		}

	}

}
