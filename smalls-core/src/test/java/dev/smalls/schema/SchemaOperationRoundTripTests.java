package dev.smalls.schema;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsDialect;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.ColumnType.BIGINT;
import static dev.smalls.schema.ColumnType.BOOLEAN;
import static dev.smalls.schema.ColumnType.DATE;
import static dev.smalls.schema.ColumnType.INTEGER;
import static dev.smalls.schema.ColumnType.SMALLINT;
import static dev.smalls.schema.ColumnType.TEXT;
import static dev.smalls.schema.ColumnType.TIMESTAMP;
import static dev.smalls.schema.ColumnType.UUID;
import static dev.smalls.schema.ColumnType.decimal;
import static dev.smalls.schema.ColumnType.varchar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every schema operation, on every database: applied by the migrator, then rolled back; the
 * schema after the rollback must be the schema before the migration (tables, columns with
 * type, nullability and default, keys, unique constraints, indexes and foreign keys), and the
 * operation must be able to tell, from a snapshot, that it took effect and that it was undone.
 */
class SchemaOperationRoundTripTests {

	static Stream<Arguments> operations() {
		List<Case> operations = List.of(
				operation("createTable with every portable type", (schema) -> schema.createTable("tags", (table) -> {
					table.id("id");
					table.column("name", varchar(512)).notNull().unique();
					table.column("created_at", TIMESTAMP).notNull().defaultValue(SqlExpression.CURRENT_TIMESTAMP);
					table.column("visible", BOOLEAN).defaultValue(true);
					table.column("price", decimal(10, 2));
					table.column("body", TEXT);
					table.column("token", UUID);
					table.column("day", DATE);
					table.column("rank", SMALLINT).defaultValue(3);
					table.column("hits", BIGINT);
					table.column("score", INTEGER).defaultValue(0);
				})),
				operation("createTable with a composite primary key", (schema) -> schema.createTable("user_roles",
						(table) -> {
							table.column("user_id", BIGINT).primaryKey();
							table.column("role", varchar(20)).primaryKey();
						})),
				operation("createTable with its indexes and a foreign key", (schema) -> schema.createTable("tags",
						(table) -> {
							table.id("id");
							table.column("name", varchar(50)).notNull();
							table.column("kind", varchar(10));
							table.column("user_id", BIGINT);
							table.index("tags_kind_name_idx", "kind", "name");
							table.uniqueIndex("tags_name_key", "name");
							table.foreignKey("fk_tags_user", "user_id", "users", "id");
						})),
				operation("dropTable", (schema) -> schema.dropTable("legacy", (table) -> {
					table.column("code", varchar(10)).primaryKey();
					table.column("label", TEXT);
				})),
				operation("addColumn", (schema) -> schema.addColumn("users", "nickname", varchar(50))),
				operation("addColumn not null with a default", (schema) -> schema.addColumn("users", "reset_count",
						INTEGER, (column) -> column.notNull().defaultValue(0))),
				operation("addColumn unique", (schema) -> schema.addColumn("users", "token", varchar(64),
						ColumnDefinition::unique)),
				operation("addColumn named by a keyword", (schema) -> schema.addColumn("users", "order", INTEGER,
						(column) -> column.notNull().defaultValue(1))),
				operation("addColumn with a date default", (schema) -> schema.addColumn("users", "joined", DATE,
						(column) -> column.notNull().defaultValue(LocalDate.of(2024, 5, 1)))),
				operation("addColumn with a timestamp default", (schema) -> schema.addColumn("users", "seen",
						TIMESTAMP, (column) -> column.defaultValue(LocalDateTime.of(2024, 5, 1, 13, 45, 0, 500_000_000)))),
				operation("addColumn with a uuid default", (schema) -> schema.addColumn("users", "token", UUID,
						(column) -> column.defaultValue(java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))),
				operation("addColumn with a false default", (schema) -> schema.addColumn("users", "admin", BOOLEAN,
						(column) -> column.notNull().defaultValue(false))),
				operation("addColumn with a string default that needs escaping", (schema) -> schema.addColumn("users",
						"motto", varchar(40), (column) -> column.defaultValue("it's \"fine\""))),
				operation("dropColumn", (schema) -> schema.dropColumn("users", "status", varchar(20),
						(column) -> column.defaultValue("new"))),
				operation("renameColumn", (schema) -> schema.renameColumn("users", "age", "years")),
				operation("renameTable referenced by a foreign key",
						(schema) -> schema.renameTable("users", "people")),
				operation("addIndex", (schema) -> schema.addIndex("users", "users_name_age_idx", "name", "age")),
				operation("addUniqueIndex", (schema) -> schema.addUniqueIndex("users", "users_name_key", "name")),
				operation("dropIndex", (schema) -> schema.dropIndex("users", "users_age_idx", "age")),
				operation("dropUniqueIndex", (schema) -> schema.dropUniqueIndex("users", "users_email_key", "email")),
				operation("addForeignKey", (schema) -> schema.addForeignKey("orders", "fk_orders_legacy",
						"legacy_code", "legacy", "code")),
				operation("dropForeignKey", (schema) -> schema.dropForeignKey("orders", "fk_orders_user", "user_id",
						"users", "id")),
				operation("alterColumnType to a wider integer", (schema) -> schema.alterColumnType("users", "age",
						INTEGER, BIGINT)),
				operation("alterColumnType to a longer varchar", (schema) -> schema.alterColumnType("users", "email",
						varchar(200), varchar(300))),
				operation("setNotNull", (schema) -> schema.setNotNull("users", "age")),
				operation("dropNotNull", (schema) -> schema.dropNotNull("users", "name")),
				operation("setDefault from one value to another", (schema) -> schema.setDefault("users", "status",
						"new", "active")),
				operation("setDefault where there was none", (schema) -> schema.setDefault("users", "age", null, 18)),
				operation("setDefault of a decimal", (schema) -> schema.setDefault("orders", "total",
						new BigDecimal("0.00"), new BigDecimal("1.50"))),
				operation("sql", (schema) -> schema.sql("CREATE TABLE notes (id INTEGER PRIMARY KEY)",
						"DROP TABLE notes")),
				operation("run", (schema) -> schema.run((jdbc) -> jdbc.update("UPDATE users SET status = 'moved'"),
						(jdbc) -> jdbc.update("UPDATE users SET status = NULL"))));
		return Stream.of(TestDatabase.values())
			.flatMap((database) -> operations.stream().map((operation) -> Arguments.of(database, operation)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("operations")
	void rollingBackAnOperationLeavesTheSchemaAsItWas(TestDatabase database, Case operation) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SchemaMigration migration = new TestSchemaMigration(2, "operation", operation.change());
			SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
				.migrations(SampleSchema.MIGRATION, migration)
				.lockTimeout(Duration.ofSeconds(30))
				.build();
			migrator.migrate(1);
			SampleSchema.addRows(jdbc);
			SmallsDialect dialect = SmallsDialects.current(jdbc);
			SchemaPlan plan = SchemaPlan.of(migration);
			SchemaSnapshot before = snapshot(jdbc);
			boolean visible = plan.effect(1, before, dialect) != Effect.CANNOT_TELL;
			if (visible) {
				assertThat(plan.effect(1, before, dialect)).isEqualTo(Effect.NOT_IN_EFFECT);
			}

			migrator.migrate();
			SchemaSnapshot applied = snapshot(jdbc);
			if (!operation.name().equals("run")) {
				assertThat(applied.differencesFrom(before)).isNotEmpty();
			}
			if (visible) {
				assertThat(plan.effect(1, applied, dialect)).isEqualTo(Effect.TOOK_EFFECT);
			}

			migrator.rollback(1);
			SchemaSnapshot rolledBack = snapshot(jdbc);
			assertThat(rolledBack.differencesFrom(before)).isEmpty();
			assertThat(migrator.status().current()).isEqualTo(1);
			assertThat(jdbc.queryForList("SELECT name FROM users ORDER BY id", String.class)).containsExactly("ann",
					"bob");
		}
	}

	private static SchemaSnapshot snapshot(JdbcTemplate jdbc) {
		return SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT);
	}

	private static Case operation(String name, Consumer<Schema> change) {
		return new Case(name, change);
	}

	record Case(String name, Consumer<Schema> change) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
