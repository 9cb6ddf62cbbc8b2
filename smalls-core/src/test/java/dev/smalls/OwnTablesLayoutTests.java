package dev.smalls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.dialect.SmallsTables;
import dev.smalls.testsupport.RaceMigrations;
import dev.smalls.testsupport.RacingInstances;
import dev.smalls.testsupport.RacingInstances.Round;
import dev.smalls.testsupport.TestDatabase;
import dev.smalls.testsupport.TestDatabase.FreshDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * smalls' own tables carry their layout, and a newer smalls upgrades what an older one wrote:
 * histories of smalls 0.1 (built here from its DDL) are upgraded under the lock while
 * separate JVMs race to migrate them, on each of the five databases; tables of a newer
 * smalls are used if they say an older one may, and refused otherwise.
 */
class OwnTablesLayoutTests {

	private static final int INSTANCES = 3;

	private static RacingInstances racing;

	private static final List<AutoCloseable> servers = new ArrayList<>();

	@BeforeAll
	static void startInstances() {
		racing = RacingInstances.start(INSTANCES);
	}

	@AfterAll
	static void stop() throws Exception {
		if (racing != null) {
			racing.close();
		}
		for (AutoCloseable server : servers) {
			server.close();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aHistoryOfTheFirstReleaseIsUpgradedOnceWhileInstancesRaceToMigrateIt(TestDatabase database)
			throws Exception {
		try (FreshDatabase db = reachableFromOtherProcesses(database)) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			writeFirstReleaseHistory(database, jdbc, 10);
			List<String> results = racing.race(Round.through(db.url(), db.username(), db.password()));
			assertThat(results).as(racing::output).allMatch((result) -> result.startsWith("APPLIED "));
			assertThat(results.stream().mapToInt((result) -> Integer.parseInt(result.substring(8))).sum())
				.as(racing::output)
				.isEqualTo(10);
			// Each of 11-20 ran once, by whichever instance got there; 1-10 never ran again.
			for (int sequence = 1; sequence <= 20; sequence++) {
				boolean old = sequence <= 10;
				assertThat(jdbc.queryForList("SELECT instance FROM race_log WHERE sequence_no = ?", String.class,
						sequence))
					.as("race_log of %d", sequence)
					.hasSize(1)
					.allMatch((instance) -> old == instance.equals("smalls-0.1"));
			}
			assertThat(jdbc.queryForList("SELECT applied_by FROM smalls_history WHERE sequence_no <= 10", String.class))
				.hasSize(10)
				.containsOnly("old@host");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM smalls_history", Integer.class)).isEqualTo(20);
			assertLayout(jdbc, SmallsTables.LAYOUT, SmallsTables.COMPATIBLE_FROM);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM smalls_history_interrupted", Integer.class)).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aStartWithNothingPendingReadsAnOlderLayoutAndWritesNothing(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			writeFirstReleaseHistory(database, jdbc, 3);
			SmallsMigrator migrator = migrator(db, 3);
			assertThat(migrator.migrate().applied()).isEmpty();
			assertThat(migrator.status().current()).isEqualTo(3);
			assertThat(tableExists(jdbc, "smalls_history_layout")).isFalse();
			// The first run that writes upgrades.
			assertThat(migrator(db, 4).migrate().applied()).extracting(MigrationExecution::sequence)
				.containsExactly(4);
			assertLayout(jdbc, SmallsTables.LAYOUT, SmallsTables.COMPATIBLE_FROM);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void aFreshDatabaseGetsEveryTableAtTheCurrentLayout(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute(RaceMigrations.CREATE_LOG);
			migrator(db, 2).migrate();
			assertLayout(jdbc, SmallsTables.LAYOUT, SmallsTables.COMPATIBLE_FROM);
			assertThat(jdbc.queryForObject("SELECT upgraded_by FROM smalls_history_layout", String.class))
				.isEqualTo("tester@host");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM smalls_history_interrupted", Integer.class)).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void tablesOfANewerSmallsThatThisOneCannotUseAreRefusedBeforeAnythingRuns(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute(RaceMigrations.CREATE_LOG);
			migrator(db, 2).migrate();
			jdbc.update("UPDATE smalls_history_layout SET layout = 7, compatible_from = ?", SmallsTables.LAYOUT + 1);
			SmallsMigrator newer = migrator(db, 3);
			for (Runnable call : List.<Runnable>of(newer::migrate, newer::status, () -> newer.rollback(0))) {
				assertThatExceptionOfType(SmallsException.class).isThrownBy(call::run)
					.withMessageContaining("smalls' tables for smalls_history have layout 7, written by a newer smalls, "
							+ "which this smalls (layout " + SmallsTables.LAYOUT + ") cannot read or write safely. "
							+ "Nothing was read or changed.")
					.satisfies((ex) -> assertThat(ex.getAction()).contains("smalls release that upgraded the tables"));
			}
			assertThat(jdbc.queryForList("SELECT sequence_no FROM race_log ORDER BY sequence_no", Integer.class))
				.containsExactly(1, 2);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM smalls_history", Integer.class)).isEqualTo(2);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void tablesOfANewerSmallsThatSaysThisOneMayUseThemAreUsedAndKeepTheirLayout(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute(RaceMigrations.CREATE_LOG);
			migrator(db, 2).migrate();
			jdbc.update("UPDATE smalls_history_layout SET layout = 7, compatible_from = ?", SmallsTables.LAYOUT);
			assertThat(migrator(db, 3).migrate().applied()).extracting(MigrationExecution::sequence)
				.containsExactly(3);
			assertThat(migrator(db, 3).rollback(2).rolledBack()).hasSize(1);
			assertLayout(jdbc, 7, SmallsTables.LAYOUT);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void anUpgradeCutShortIsFinishedByTheNextRun(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			writeFirstReleaseHistory(database, jdbc, 3);
			// Where DDL commits at once, a run killed after creating the layout table and
			// before recording the layout leaves this.
			if (database.hasTransactionalDdl()) {
				jdbc.execute(SmallsTables.DEFAULT.createMarks(timestampType(database)));
			}
			jdbc.execute(SmallsTables.DEFAULT.createLayout(timestampType(database)));
			assertThat(migrator(db, 4).migrate().applied()).hasSize(1);
			assertLayout(jdbc, SmallsTables.LAYOUT, SmallsTables.COMPATIBLE_FROM);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.class)
	void tablesOfLayoutFourAreReadAsTheyAreAndGetTheOriginColumnFromTheFirstRunThatWrites(TestDatabase database) {
		try (FreshDatabase db = database.createFreshDatabase()) {
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			writeLayoutFourHistory(database, jdbc, 3);
			SmallsMigrator migrator = migrator(db, 4);
			assertThat(migrator.status().migrations()).extracting(MigrationInfo::state, MigrationInfo::checksum,
					MigrationInfo::origin)
				.containsExactly(tuple(MigrationState.APPLIED, null, null), tuple(MigrationState.APPLIED, null, null),
						tuple(MigrationState.APPLIED, "sum:3", null), tuple(MigrationState.PENDING, null, null));
			assertLayout(jdbc, 4, 1);
			assertThat(migrator.migrate().applied()).extracting(MigrationExecution::sequence).containsExactly(4);
			assertLayout(jdbc, SmallsTables.LAYOUT, SmallsTables.COMPATIBLE_FROM);
			assertThat(jdbc.queryForList("SELECT origin FROM smalls_history ORDER BY sequence_no", String.class))
				.containsExactly(null, null, null, null);
			assertThat(jdbc.queryForObject("SELECT checksum FROM smalls_history WHERE sequence_no = 3", String.class))
				.isEqualTo("sum:3");
			assertThat(migrator.rollback(2).rolledBack()).hasSize(2);
			assertThat(migrator.status().current()).isEqualTo(2);
		}
	}

	@Test
	void aHistoryTableNameLeavesRoomForTheOtherTablesNames() {
		String longest = "h".repeat(SmallsTables.MAX_LENGTH);
		assertThat(new SmallsTables("app." + longest).marks()).endsWith(longest + "_interrupted");
		assertThat(SmallsTables.isValidName(longest + "x")).isFalse();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> SmallsMigrator.builder(TestDatabase.H2.createFreshDatabase().dataSource())
				.table(longest + "x")
				.build())
			.withMessageContaining("at most " + SmallsTables.MAX_LENGTH + " characters (smalls adds suffixes such as "
					+ "_interrupted for its other tables)");
		assertThat(new SmallsTables("app.h").all()).containsExactly("app.h", "app.h_interrupted", "app.h_layout",
				"app.h_schema", "app.h_data", "app.h_instances", "app.h_lock");
	}

	/**
	 * What smalls 0.1 left: its history table, from its DDL, with migrations 1 to
	 * {@code applied} recorded (and their work done); where DDL commits at once, also its
	 * table of marks, which it created the first time a migration needed it.
	 */
	private static void writeFirstReleaseHistory(TestDatabase database, JdbcTemplate jdbc, int applied) {
		String timestamp = timestampType(database);
		jdbc.execute(RaceMigrations.CREATE_LOG);
		jdbc.execute("CREATE TABLE smalls_history (sequence_no INT NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, "
				+ "batch INT NOT NULL, applied_at " + timestamp + " NOT NULL, execution_ms BIGINT NOT NULL, "
				+ "applied_by VARCHAR(255) NOT NULL)");
		if (!database.hasTransactionalDdl()) {
			jdbc.execute("CREATE TABLE smalls_history_interrupted (sequence_no INT NOT NULL PRIMARY KEY, "
					+ "name VARCHAR(100) NOT NULL, operation VARCHAR(10) NOT NULL, certain INT NOT NULL, "
					+ "possible INT NOT NULL, fingerprint VARCHAR(64) NOT NULL, started_at " + timestamp
					+ " NOT NULL)");
		}
		for (int sequence = 1; sequence <= applied; sequence++) {
			jdbc.update("INSERT INTO race_log (sequence_no, instance) VALUES (?, 'smalls-0.1')", sequence);
			if (sequence % 5 != 0) {
				jdbc.execute("CREATE TABLE race_t" + sequence + " (id INT PRIMARY KEY)");
			}
			jdbc.update("INSERT INTO smalls_history (sequence_no, name, batch, applied_at, execution_ms, applied_by) "
					+ "VALUES (?, ?, 1, ?, 4, 'old@host')", sequence, "race_" + sequence,
					java.sql.Timestamp.valueOf("2026-11-01 10:00:00"));
		}
	}

	/**
	 * What the release of layout 4 left, from its DDL: its three tables and its layout row,
	 * with migrations 1 to {@code applied} recorded (and their work done), the last with a
	 * checksum.
	 */
	private static void writeLayoutFourHistory(TestDatabase database, JdbcTemplate jdbc, int applied) {
		String timestamp = timestampType(database);
		jdbc.execute(RaceMigrations.CREATE_LOG);
		jdbc.execute("CREATE TABLE smalls_history (sequence_no INT NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, "
				+ "batch INT NOT NULL, applied_at " + timestamp + " NOT NULL, execution_ms BIGINT NOT NULL, "
				+ "applied_by VARCHAR(255) NOT NULL, checksum VARCHAR(100), acknowledged VARCHAR(1000))");
		jdbc.execute("CREATE TABLE smalls_history_interrupted (sequence_no INT NOT NULL PRIMARY KEY, "
				+ "name VARCHAR(100) NOT NULL, operation VARCHAR(10) NOT NULL, certain INT NOT NULL, "
				+ "possible INT NOT NULL, fingerprint VARCHAR(64) NOT NULL, started_at " + timestamp + " NOT NULL)");
		jdbc.execute("CREATE TABLE smalls_history_layout (id INT NOT NULL PRIMARY KEY, layout INT NOT NULL, "
				+ "compatible_from INT NOT NULL, upgraded_at " + timestamp + " NOT NULL, "
				+ "upgraded_by VARCHAR(255) NOT NULL)");
		java.sql.Timestamp at = java.sql.Timestamp.valueOf("2026-11-20 10:00:00");
		jdbc.update("INSERT INTO smalls_history_layout (id, layout, compatible_from, upgraded_at, upgraded_by) "
				+ "VALUES (1, 4, 1, ?, 'old@host')", at);
		for (int sequence = 1; sequence <= applied; sequence++) {
			jdbc.update("INSERT INTO race_log (sequence_no, instance) VALUES (?, 'layout-4')", sequence);
			if (sequence % 5 != 0) {
				jdbc.execute("CREATE TABLE race_t" + sequence + " (id INT PRIMARY KEY)");
			}
			jdbc.update("INSERT INTO smalls_history (sequence_no, name, batch, applied_at, execution_ms, applied_by, "
					+ "checksum) VALUES (?, ?, 1, ?, 4, 'old@host', ?)", sequence, "race_" + sequence, at,
					(sequence == applied) ? "sum:" + sequence : null);
		}
	}

	private static String timestampType(TestDatabase database) {
		return (database == TestDatabase.MARIADB) ? "DATETIME(3)" : "TIMESTAMP";
	}

	private static void assertLayout(JdbcTemplate jdbc, int layout, int compatibleFrom) {
		Map<String, Object> row = jdbc.queryForMap("SELECT layout, compatible_from FROM smalls_history_layout");
		assertThat(((Number) row.get("layout")).intValue()).isEqualTo(layout);
		assertThat(((Number) row.get("compatible_from")).intValue()).isEqualTo(compatibleFrom);
	}

	private static boolean tableExists(JdbcTemplate jdbc, String table) {
		return Boolean.TRUE.equals(jdbc.execute((java.sql.Connection connection) -> {
			// MariaDB answers for every database unless asked for this one.
			try (var tables = connection.getMetaData().getTables(connection.getCatalog(), null, "%", null)) {
				while (tables.next()) {
					if (tables.getString("TABLE_NAME").equalsIgnoreCase(table)) {
						return true;
					}
				}
				return false;
			}
		}));
	}

	private static SmallsMigrator migrator(FreshDatabase db, int migrations) {
		return SmallsMigrator.builder(db.dataSource())
			.migrations(RaceMigrations.upTo(migrations, "this-test"))
			.appliedBy("tester@host")
			.build();
	}

	/**
	 * A database other JVMs can reach: the servers' and SQLite's as they are; H2 and HSQLDB
	 * served over TCP from this JVM.
	 */
	private static FreshDatabase reachableFromOtherProcesses(TestDatabase database) throws SQLException {
		return switch (database) {
			case H2 -> {
				org.h2.tools.Server server = org.h2.tools.Server
					.createTcpServer("-tcpPort", Integer.toString(freePort()), "-ifNotExists")
					.start();
				servers.add(server::stop);
				yield TestDatabase.pooledFor("jdbc:h2:tcp://localhost:" + server.getPort()
						+ "/mem:upgrade;DB_CLOSE_DELAY=-1", "sa", "");
			}
			case HSQLDB -> {
				org.hsqldb.server.Server server = new org.hsqldb.server.Server();
				int port = freePort();
				server.setPort(port);
				server.setDatabaseName(0, "upgrade");
				server.setDatabasePath(0, "mem:upgrade");
				server.setSilent(true);
				server.setLogWriter(null);
				server.start();
				servers.add(server::stop);
				yield TestDatabase.pooledFor("jdbc:hsqldb:hsql://localhost:" + port + "/upgrade", "SA", "");
			}
			default -> database.createFreshDatabase();
		};
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
