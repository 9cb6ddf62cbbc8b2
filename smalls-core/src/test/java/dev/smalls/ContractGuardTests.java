package dev.smalls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.SmallsValidationException.Problem;
import dev.smalls.schema.ColumnType;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaMigration;
import dev.smalls.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract guard: a contract step waits, or is refused naming them, while a running
 * instance of an older release still maps what it removes; it proceeds once that instance
 * stops or its heartbeat expires; and it is never refused for what nobody maps.
 */
class ContractGuardTests {

	private static final SmallsMigration PEOPLE = SqlMigration.sql(1, "create_people",
			"CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(50), nickname VARCHAR(50))", "DROP TABLE people");

	@Contract
	static final class DropNickname implements SchemaMigration {

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public void change(Schema schema) {
			schema.dropColumn("people", "nickname", ColumnType.varchar(50));
		}

	}

	/** The same change, not marked as a contract step: the guard leaves it alone. */
	static final class DropNicknameUnmarked implements SchemaMigration {

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public void change(Schema schema) {
			schema.dropColumn("people", "nickname", ColumnType.varchar(50));
		}

	}

	@Contract("people.nickname")
	static final class DropNicknameInSql implements SmallsMigration {

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("ALTER TABLE people DROP COLUMN nickname");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("ALTER TABLE people ADD nickname VARCHAR(50)");
		}

	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aContractStepIsRefusedWhileAnOldReleaseMapsTheColumnAndRunsOnceItStops(TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator next = SmallsMigrator.builder(db.dataSource()).migrations(PEOPLE, new DropNickname()).build();
			next.migrate(1);
			InstanceAnnouncement old = oldRelease(db, "people", "people.id", "people.name", "people.nickname")
				.announce("1.4.0");

			assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(next::migrate)
				.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(Problem.CONTRACT_IN_USE))
				.withMessageContaining("0002_drop_nickname is a contract step, and 1 running instance still maps what "
						+ "it removes: " + old.id() + " (release 1.4.0, heartbeat 0 s ago) maps people.nickname. "
						+ "Nothing was run.")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("smalls.contract.wait"));
			assertThat(columns(db)).contains("nickname");
			assertThat(next.runningInstances()).extracting(RunningInstance::release).containsExactly("1.4.0");

			old.close();
			assertThat(next.runningInstances()).isEmpty();
			assertThat(next.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(2);
			assertThat(columns(db)).doesNotContain("nickname");
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aContractStepWaitsForTheOldReleaseToStopAndForAHeartbeatThatStopped(TestDatabase database) throws Exception {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator next = SmallsMigrator.builder(db.dataSource())
				.migrations(PEOPLE, new DropNicknameInSql())
				.contractWait(Duration.ofSeconds(30))
				.instanceTimeout(Duration.ofSeconds(2))
				.build();
			next.migrate(1);
			// One old instance stops while the migrate waits; another was killed and never beats again.
			InstanceAnnouncement stopping = oldRelease(db, "people.nickname").announce("1.4.0");
			oldRelease(db, "people.nickname").announce("1.3.9");
			CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
				sleep(500);
				stopping.close();
			});

			long started = System.nanoTime();
			assertThat(next.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(2);
			stop.get();
			assertThat((System.nanoTime() - started) / 1_000_000).as("waited for the killed one's heartbeat to expire")
				.isGreaterThanOrEqualTo(1_500);
			assertThat(columns(db)).doesNotContain("nickname");
		}
	}

	/** Migration 2 of another instance's migrate: holds the migration lock until told. */
	static final class CreateNotes implements SmallsMigration {

		private final CountDownLatch inside = new CountDownLatch(1);

		private final CountDownLatch release;

		CreateNotes(CountDownLatch release) {
			this.release = release;
		}

		@Override
		public int sequence() {
			return 2;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("CREATE TABLE notes (id INT)");
			this.inside.countDown();
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("DROP TABLE notes");
		}

	}

	@Contract("people.nickname")
	static final class DropNicknameThird implements SmallsMigration {

		@Override
		public int sequence() {
			return 3;
		}

		@Override
		public void migrate(JdbcTemplate jdbc) {
			jdbc.execute("ALTER TABLE people DROP COLUMN nickname");
		}

		@Override
		public void rollback(JdbcTemplate jdbc) {
			jdbc.execute("ALTER TABLE people ADD nickname VARCHAR(50)");
		}

	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void anInstanceThatAnnouncesItselfWhileTheMigrateWaitsForTheLockIsSeenUnderTheLock(TestDatabase database)
			throws Exception {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator.builder(db.dataSource()).migrations(PEOPLE).build().migrate();
			// The instances table is there, empty: the check before the lock finds nobody.
			oldRelease(db, "people.nickname").announce("1.3.0").close();
			CountDownLatch release = new CountDownLatch(1);
			CreateNotes holding = new CreateNotes(release);
			CompletableFuture<MigrateResult> other = CompletableFuture.supplyAsync(
					() -> SmallsMigrator.builder(db.dataSource()).migrations(PEOPLE, holding).build().migrate());
			assertThat(holding.inside.await(30, TimeUnit.SECONDS)).isTrue();
			SmallsMigrator next = SmallsMigrator.builder(db.dataSource())
				.migrations(PEOPLE, new CreateNotes(new CountDownLatch(0)), new DropNicknameThird())
				.build();
			CompletableFuture<MigrateResult> contract = CompletableFuture.supplyAsync(next::migrate);
			// Past its first check, waiting for the lock, when an old release starts.
			sleep(1000);
			InstanceAnnouncement old = oldRelease(db, "people.nickname").announce("1.4.0");
			release.countDown();
			assertThat(other.get(30, TimeUnit.SECONDS).applied()).extracting(MigrationExecution::sequence)
				.containsExactly(2);

			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> contract.get(30, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(SmallsValidationException.class)
				.withMessageContaining("0003_drop_nickname_third is a contract step, and 1 running instance still "
						+ "maps what it removes: " + old.id() + " (release 1.4.0");
			assertThat(columns(db)).contains("nickname");
			old.close();
			assertThat(next.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(3);
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void nothingIsRefusedForWhatNoRunningInstanceMaps(TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator next = SmallsMigrator.builder(db.dataSource()).migrations(PEOPLE, new DropNickname()).build();
			next.migrate(1);
			try (InstanceAnnouncement other = oldRelease(db, "people.name", "people_archive", "nick.nickname")
				.announce("1.4.0")) {
				other.heartbeat();
				assertThat(next.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(2);
			}
			// A drop not marked as a contract step is the linter's business, not the guard's.
			try (TestDatabase.FreshDatabase second = database.createFreshDatabase()) {
				SmallsMigrator unmarked = SmallsMigrator.builder(second.dataSource())
					.migrations(PEOPLE, new DropNicknameUnmarked())
					.build();
				unmarked.migrate(1);
				try (InstanceAnnouncement mapping = oldRelease(second, "people.nickname").announce("1.4.0")) {
					assertThat(unmarked.runningInstances()).hasSize(1);
					assertThat(unmarked.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(2);
				}
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void anInstanceOnADatabaseSmallsNeverMigratedLeavesNoTablesAndIsRecordedOnceThereAreSomeOrAgainAfterADrop(TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			SmallsMigrator next = SmallsMigrator.builder(db.dataSource()).migrations(PEOPLE, new DropNickname()).build();
			try (InstanceAnnouncement early = oldRelease(db, "people.nickname").announce("1.4.0")) {
				assertThatExceptionOfType(org.springframework.dao.DataAccessException.class)
					.as("no table of smalls' is made by an announcement")
					.isThrownBy(() -> new JdbcTemplate(db.dataSource()).queryForList("SELECT * FROM smalls_history"));
				next.migrate(1);
				early.heartbeat();
				assertThat(next.runningInstances()).extracting(RunningInstance::id).containsExactly(early.id());

				// Its table dropped by hand: the next heartbeat makes it again and records it, rather
				// than failing at every beat.
				new JdbcTemplate(db.dataSource()).execute("DROP TABLE smalls_history_instances");
				early.heartbeat();
				assertThat(next.runningInstances()).extracting(RunningInstance::id).containsExactly(early.id());
			}
			assertThat(next.runningInstances()).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(value = TestDatabase.class, names = { "H2", "POSTGRESQL", "MARIADB" })
	void aDroppedTableIsInTheWayOfAnInstanceMappingAnyOfItsColumns(TestDatabase database) {
		try (TestDatabase.FreshDatabase db = database.createFreshDatabase()) {
			@Contract
			final class DropPeople implements SchemaMigration {

				@Override
				public int sequence() {
					return 2;
				}

				@Override
				public void change(Schema schema) {
					schema.renameTable("people", "persons");
				}

			}
			SmallsMigrator next = SmallsMigrator.builder(db.dataSource()).migrations(PEOPLE, new DropPeople()).build();
			next.migrate(1);
			try (InstanceAnnouncement old = oldRelease(db, "people.name").announce("1.4.0")) {
				assertThatExceptionOfType(SmallsValidationException.class).isThrownBy(next::migrate)
					.withMessageContaining("maps people.name");
			}
			assertThat(next.migrate().applied()).hasSize(1);
		}
	}

	private static SmallsMigrator oldRelease(TestDatabase.FreshDatabase db, String... mapped) {
		return SmallsMigrator.builder(db.dataSource()).migrations(PEOPLE).lintMapped(List.of(mapped)).build();
	}

	private static List<String> columns(TestDatabase.FreshDatabase db) {
		return new JdbcTemplate(db.dataSource()).query("SELECT * FROM people WHERE 1 = 0",
				(rs) -> {
					List<String> names = new java.util.ArrayList<>();
					for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
						names.add(rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
					}
					return names;
				});
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
