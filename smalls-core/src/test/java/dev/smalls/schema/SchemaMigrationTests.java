package dev.smalls.schema;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.cglib.proxy.Enhancer;
import org.springframework.cglib.proxy.MethodInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrator;
import dev.smalls.SmallsValidationException;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static dev.smalls.schema.ColumnType.INTEGER;
import static dev.smalls.schema.ColumnType.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a {@link SchemaMigration} provides: its migrate and rollback, derived from one list of
 * operations; a rollback written by hand when its author prefers; and the refusal to roll
 * back a migration marked irreversible, before anything runs.
 */
class SchemaMigrationTests {

	private static final TestSchemaMigration PURGE = new TestSchemaMigration(2, "purge_guests", (schema) -> {
		schema.addColumn("users", "purged", INTEGER);
		schema.sql("DELETE FROM users WHERE name = 'bob'", "");
		schema.irreversible("it deletes guest users, and no rollback can bring them back");
	});

	@Test
	void rollbackRunsTheInversesOfTheOperationsInReverseOrder() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, new TestSchemaMigration(2, "tags", (schema) -> {
				schema.createTable("tags", (table) -> table.column("name", varchar(20)));
				schema.addColumn("tags", "weight", INTEGER);
				schema.renameTable("tags", "labels");
			}));
			migrator.migrate(1);
			SchemaSnapshot before = snapshot(jdbc);
			migrator.migrate();
			assertThat(snapshot(jdbc).table("labels").column("weight")).isNotNull();

			migrator.rollback(1);

			assertThat(snapshot(jdbc).differencesFrom(before)).isEmpty();
		}
	}

	@Test
	void rollingBackAnIrreversibleMigrationIsRefusedBeforeAnythingRuns() {
		try (FreshDatabase db = TestDatabase.MARIADB.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, PURGE);
			migrator.migrate();
			SchemaSnapshot applied = snapshot(jdbc);

			// The engine asks before it takes a single step.
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> migrator.rollback(1))
				.withMessageContaining("0002_purge_guests cannot be rolled back: it deletes guest users, and no "
						+ "rollback can bring them back. Nothing was rolled back.")
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(SmallsValidationException.Problem.IRREVERSIBLE));

			assertThat(snapshot(jdbc).differencesFrom(applied)).isEmpty();
			assertThat(migrator.status().current()).isEqualTo(2);
		}
	}

	@Test
	void theMigratorCanAskWhyAMigrationIsIrreversibleBeforeItRollsBackAnything() {
		assertThat(PURGE.irreversibleReason()).isEqualTo("it deletes guest users, and no rollback can bring them back");
		assertThat(SampleSchema.MIGRATION.irreversibleReason()).isNull();
		assertThat(new HandWrittenRollback().irreversibleReason()).isNull();
	}

	@Test
	void aRollbackWrittenByHandReplacesTheDerivedOneAndItsRefusal() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, new HandWrittenRollback());
			migrator.migrate();

			migrator.rollback(1);

			assertThat(jdbc.queryForList("SELECT name FROM users", String.class)).containsExactly("restored");
			assertThat(snapshot(jdbc).table("users").column("purged")).isNull();
		}
	}

	@Test
	void aSubclassProxyOfTheMigrationIsSeenThrough() {
		assertThat(proxy(HandWrittenRollback.class).irreversibleReason()).isNull();
		assertThat(proxy(Purge.class).irreversibleReason()).startsWith("it deletes guest users");
	}

	/** A CGLIB subclass, as Spring makes of a bean it enhances, that overrides every method. */
	private static SchemaMigration proxy(Class<? extends SchemaMigration> type) {
		Enhancer enhancer = new Enhancer();
		enhancer.setSuperclass(type);
		enhancer.setCallback((MethodInterceptor) (object, method, arguments, method2) -> method2.invokeSuper(object,
				arguments));
		return (SchemaMigration) enhancer.create();
	}

	@Test
	void aMigrationMarkedIrreversibleIsStillUndoneWhenItFailsHalfWay() {
		try (FreshDatabase db = TestDatabase.H2.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			SmallsMigrator migrator = migrator(db, new TestSchemaMigration(2, "one_way", (schema) -> {
				schema.addColumn("users", "purged", INTEGER);
				schema.irreversible("it is one way");
				schema.addIndex("users", "users_missing_idx", "no_such_column");
			}));
			migrator.migrate(1);
			SchemaSnapshot before = snapshot(jdbc);

			assertThatExceptionOfType(SmallsMigrationException.class).isThrownBy(migrator::migrate);

			assertThat(snapshot(jdbc).differencesFrom(before)).isEmpty();
		}
	}

	@Test
	void changeOnlyRecordsAndMayBeCalledAgain() {
		SchemaPlan first = SchemaPlan.of(PURGE);
		SchemaPlan second = SchemaPlan.of(PURGE);
		assertThat(first.operations()).isEqualTo(second.operations()).containsExactly("addColumn users.purged INTEGER",
				"sql \"DELETE FROM users WHERE name = 'bob'\"",
				"irreversible: it deletes guest users, and no rollback can bring them back");
		assertThat(first.migration()).isEqualTo("0002_purge_guests");
		assertThat(first.size()).isEqualTo(3);
	}

	private static SmallsMigrator migrator(FreshDatabase db, SmallsMigration migration) {
		SmallsMigrator migrator = SmallsMigrator.builder(db.dataSource())
			.migrations(SampleSchema.MIGRATION, migration)
			.lockTimeout(Duration.ofSeconds(30))
			.build();
		migrator.migrate(1);
		SampleSchema.addRows(new JdbcTemplate(db.dataSource()));
		return migrator;
	}

	private static SchemaSnapshot snapshot(JdbcTemplate jdbc) {
		return SchemaSnapshot.read(jdbc).without(SmallsTables.DEFAULT);
	}

	/** {@link #PURGE}, as a class. */
	static class Purge implements SchemaMigration {

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public void change(Schema schema) {
			PURGE.change(schema);
		}

	}

	/** {@link #PURGE}, with a rollback of its own. */
	static class HandWrittenRollback implements SchemaMigration {

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public void change(Schema schema) {
			PURGE.change(schema);
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.update("UPDATE users SET name = 'restored'");
			jdbc.execute("ALTER TABLE users DROP COLUMN purged");
		}

	}

}
