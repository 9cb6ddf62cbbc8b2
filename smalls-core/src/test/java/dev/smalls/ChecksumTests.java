package dev.smalls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;

import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.dialect.SmallsTables;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaSnapshot;
import dev.smalls.schema.TestSchemaMigration;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every applied migration records a checksum; an applied migration whose code gives another
 * one is EDITED, refused until a person accepts it, and nothing but that acceptance changes
 * the database.
 */
class ChecksumTests {

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void anEditedSchemaMigrationIsShownRefusedAndAcceptedWithoutTouchingTheSchema(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			migrator(db.dataSource(), EditedMigrations.FAIL, users(50)).migrate();
			String recorded = checksum(jdbc, 1);
			assertThat(recorded).startsWith("ops:").hasSize(68);

			// The same code, built again: the same checksum, nothing edited.
			assertThat(migrator(db.dataSource(), EditedMigrations.FAIL, users(50)).status().migrations())
				.extracting(MigrationInfo::state)
				.containsExactly(MigrationState.APPLIED);

			// The column widened in the code after it was applied.
			SmallsMigrator edited = migrator(db.dataSource(), EditedMigrations.FAIL, users(100), tags());
			MigrationStatus status = edited.status();
			assertThat(status.migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.EDITED, MigrationState.PENDING);
			assertThat(status.migrations().get(0).checksum()).isEqualTo(recorded);
			SchemaSnapshot before = SchemaSnapshot.read(db.dataSource());
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(edited::migrate)
				.satisfies((ex) -> {
					assertThat(ex.getProblem()).isEqualTo(Problem.EDITED_MIGRATION);
					assertThat(ex.getSequences()).containsExactly(1);
					assertThat(ex.getMessage()).contains("0001_create_users was edited after it was applied")
						.contains("Nothing was run");
					assertThat(ex.getAction()).contains("repair --accept 1");
				});
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> edited.rollback(0))
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.EDITED_MIGRATION));
			assertThat(SchemaSnapshot.read(db.dataSource())).isEqualTo(before);
			assertThat(jdbc.queryForList("SELECT sequence_no FROM smalls_history", Integer.class)).containsExactly(1);

			// Accepting changes the recorded checksum and nothing else.
			MigrationInfo accepted = edited.acceptChecksum(1);
			assertThat(accepted.state()).isEqualTo(MigrationState.APPLIED);
			assertThat(checksum(jdbc, 1)).isEqualTo(accepted.checksum()).isNotEqualTo(recorded).startsWith("ops:");
			assertThat(SchemaSnapshot.read(db.dataSource())).isEqualTo(before);
			assertThat(edited.status().migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
			assertThat(edited.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(2);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aMigratorSetToWarnMigratesPastAnEditedMigration(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			migrator(db.dataSource(), EditedMigrations.FAIL, users(50)).migrate();
			SmallsMigrator warning = migrator(db.dataSource(), EditedMigrations.WARN, users(100), tags());
			assertThat(warning.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(2);
			assertThat(warning.status().migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.EDITED, MigrationState.APPLIED);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aCodeMigrationRecordsTheStatementsItSentWhicheverWayItSentThem(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			DataSource dataSource = db.dataSource();
			String create = "CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))";
			String insert = "INSERT INTO item (id, name) VALUES (1, 'one')";
			// The same two statements through the template, JdbcClient, a named-parameter
			// template and plain JDBC on the DataSource: the same checksum each time.
			List<Consumer<JdbcTemplate>> ways = List.of((template) -> {
				template.execute(create);
				template.update(insert);
			}, (template) -> {
				JdbcClient.create(dataSource).sql(create).update();
				JdbcClient.create(dataSource).sql(insert).update();
			}, (template) -> {
				NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(dataSource);
				named.update(create, Map.of());
				named.update(insert, Map.of());
			}, (template) -> {
				Connection connection = DataSourceUtils.getConnection(dataSource);
				try {
					try (PreparedStatement first = connection.prepareStatement(create)) {
						first.executeUpdate();
					}
					try (PreparedStatement second = connection.prepareStatement(insert)) {
						second.executeUpdate();
					}
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			String first = null;
			for (Consumer<JdbcTemplate> way : ways) {
				SmallsMigrator migrator = migrator(dataSource, EditedMigrations.FAIL,
						new SqlMigration(1, "create_item", way, (template) -> template.execute("DROP TABLE item")));
				migrator.migrate();
				String recorded = checksum(jdbc, 1);
				assertThat(recorded).startsWith("sql:").hasSize(68);
				if (first == null) {
					first = recorded;
				}
				assertThat(recorded).isEqualTo(first);
				assertThat(jdbc.queryForObject("SELECT name FROM item WHERE id = 1", String.class)).isEqualTo("one");
				migrator.rollback(0);
			}
			// Other statements: another checksum.
			SmallsMigrator other = migrator(dataSource, EditedMigrations.FAIL,
					SqlMigration.sql(1, "create_item", "CREATE TABLE item (id INT PRIMARY KEY)", "DROP TABLE item"));
			other.migrate();
			assertThat(checksum(jdbc, 1)).startsWith("sql:").isNotEqualTo(first);

			// Code without checksum() is never taken for edited: its statements are only known when it runs.
			SmallsMigrator changed = migrator(dataSource, EditedMigrations.FAIL,
					SqlMigration.sql(1, "create_item", "CREATE TABLE item (id BIGINT PRIMARY KEY)", "DROP TABLE item"));
			assertThat(changed.status().migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.APPLIED);
			assertThat(changed.migrate().applied()).isEmpty();
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> changed.acceptChecksum(1))
				.withMessageContaining("declares no checksum()")
				.withMessageContaining("Nothing was changed");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aDeclaredChecksumIsCheckedAtEveryStart(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			migrator(db.dataSource(), EditedMigrations.FAIL, declared("v1")).migrate();
			// Short text is recorded as it is: nothing to digest at each start-up, and readable.
			assertThat(checksum(jdbc, 1)).isEqualTo("own:v1");
			SmallsMigrator edited = migrator(db.dataSource(), EditedMigrations.FAIL, declared("v2"));
			assertThat(edited.status().migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.EDITED);
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(edited::migrate)
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.EDITED_MIGRATION));
			// Not applied, or not in the code: nothing to accept, nothing changed.
			SmallsMigrator more = migrator(db.dataSource(), EditedMigrations.FAIL, declared("v2"), tags());
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> more.acceptChecksum(2))
				.withMessageContaining("0002_create_tags is not applied");
			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(() -> more.acceptChecksum(9))
				.withMessageContaining("The code has no migration 0009");
			edited.acceptChecksum(1);
			assertThat(edited.migrate().applied()).isEmpty();
			assertThat(edited.status().migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.APPLIED);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aHistoryWrittenBeforeChecksumsRaisesNoAlarmAndIsUpgradedByTheNextRunThatWrites(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			migrator(db.dataSource(), EditedMigrations.FAIL, users(50)).migrate();
			// The tables of the release before checksums (layout 2), which had no acknowledged or origin column either.
			jdbc.execute("ALTER TABLE smalls_history DROP COLUMN checksum");
			jdbc.execute("ALTER TABLE smalls_history DROP COLUMN acknowledged");
			jdbc.execute("ALTER TABLE smalls_history DROP COLUMN origin");
			jdbc.update("UPDATE smalls_history_layout SET layout = 2");
			SmallsMigrator edited = migrator(db.dataSource(), EditedMigrations.FAIL, users(100), tags());
			assertThat(edited.status().migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
			assertThat(migrator(db.dataSource(), EditedMigrations.FAIL, users(100)).migrate().applied()).isEmpty();
			assertThat(edited.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(2);
			assertThat(jdbc.queryForObject("SELECT layout FROM smalls_history_layout", Integer.class))
				.isEqualTo(SmallsTables.LAYOUT);
			assertThat(checksum(jdbc, 1)).isNull();
			assertThat(checksum(jdbc, 2)).startsWith("ops:");
			assertThat(edited.status().migrations()).extracting(MigrationInfo::state)
				.containsExactly(MigrationState.APPLIED, MigrationState.APPLIED);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void anUpgradeWhoseColumnWasAddedBeforeItsLayoutWasRecordedIsFinished(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			migrator(db.dataSource(), EditedMigrations.FAIL, users(50)).migrate();
			// Where DDL commits at once, a run killed between the ALTER and the layout's update
			// leaves this; where it does not, this cannot happen but must not break either.
			jdbc.update("UPDATE smalls_history_layout SET layout = 2");
			if (database.hasTransactionalDdl()) {
				jdbc.execute("ALTER TABLE smalls_history DROP COLUMN checksum");
				jdbc.execute("ALTER TABLE smalls_history DROP COLUMN acknowledged");
				jdbc.execute("ALTER TABLE smalls_history DROP COLUMN origin");
			}
			assertThat(migrator(db.dataSource(), EditedMigrations.FAIL, users(50), tags()).migrate().applied())
				.extracting(MigrationExecution::sequence)
				.containsExactly(2);
			assertThat(jdbc.queryForObject("SELECT layout FROM smalls_history_layout", Integer.class))
				.isEqualTo(SmallsTables.LAYOUT);
		}
	}

	private static SmallsMigrator migrator(DataSource dataSource, EditedMigrations edited,
			SmallsMigration... migrations) {
		return SmallsMigrator.builder(dataSource).migrations(migrations).lockTimeout(Duration.ofSeconds(30))
			.editedMigrations(edited).build();
	}

	private static @Nullable String checksum(JdbcTemplate jdbc, int sequence) {
		return jdbc.queryForObject("SELECT checksum FROM smalls_history WHERE sequence_no = ?", String.class, sequence);
	}

	private static TestSchemaMigration users(int emailLength) {
		return new TestSchemaMigration(1, "create_users", (Schema schema) -> schema.createTable("users", (table) -> {
			table.id("id");
			table.column("email", ColumnType.varchar(emailLength)).notNull();
		}));
	}

	private static TestSchemaMigration tags() {
		return new TestSchemaMigration(2, "create_tags", (Schema schema) -> schema.createTable("tags", (table) -> {
			table.id("id");
			table.column("label", ColumnType.varchar(30));
		}));
	}

	private static SmallsMigration declared(String checksum) {
		return new SmallsMigration() {

			@Override
			public int sequence() {
				return 1;
			}

			@Override
			public String name() {
				return "create_notes";
			}

			@Override
			public String checksum() {
				return checksum;
			}

			@Override
			public void migrate(JdbcTemplate jdbc) {
				jdbc.execute("CREATE TABLE notes (id INT PRIMARY KEY)");
			}

			@Override
			public void rollback(JdbcTemplate jdbc) {
				jdbc.execute("DROP TABLE notes");
			}

		};
	}

}
