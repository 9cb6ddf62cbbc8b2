package dev.smalls.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.smalls.MigrateResult;
import dev.smalls.SmallsMigration;
import dev.smalls.SmallsMigrator;
import dev.smalls.dialect.SmallsDialects;
import dev.smalls.schema.Schema;
import dev.smalls.schema.SchemaPlan;
import dev.smalls.schema.SchemaRecreation;
import dev.smalls.schema.SquashMigration;
import dev.smalls.schema.SquashResult;

/**
 * Scenario 9: a new database built through migration N, by replaying {@code 1..N} (smalls'
 * migrate of the migrations themselves) or from the squash {@code smalls squash --through N}
 * wrote (smalls' migrate of the squash: one step, N history rows), a new database per sample.
 * The migrations are those of smalls-core's squash tests ({@link SquashWorkload}). The floor
 * is plain JDBC doing what the squash's step does, without smalls: the squash's statements in
 * one transaction and N rows inserted in one batch into a history-shaped table created before
 * the clock starts. The target: the squash at least 10 times faster than the replay,
 * at N = 500. The squash's migrate keeps the replaced classes in the code, as an application
 * does until every database is past the squash, so it also checks their checksums.
 */
final class SquashScenario implements Scenario {

	static final String NAME = "9 build a new database through N";

	/** The N the target is for. */
	static final int TARGET_SIZE = 500;

	/** smalls replaying 1..N; "smalls" is the squash. */
	static final String REPLAY = "smalls, replaying 1..N";

	private final Effort effort;

	SquashScenario(Effort effort) {
		this.effort = effort;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void run(BenchDatabase database, Report report) throws Exception {
		for (int size : this.effort.sizes(TARGET_SIZE)) {
			List<SmallsMigration> migrations = SquashWorkload.migrations(1, size);
			Squash squash;
			List<String> statements;
			try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
				SmallsMigrator migrator = SmallsMigrator.builder(dataSource).migrations(migrations).build();
				migrator.migrate();
				SquashResult result = migrator.squash(size);
				if (!result.complete()) {
					throw new IllegalStateException("the squash would not carry " + result.notCarried());
				}
				squash = new Squash(result.replaced(), result.operations());
				SchemaPlan plan = SchemaPlan.of(squash);
				statements = plan.statements(SmallsDialects.current(new JdbcTemplate(dataSource)), 0, plan.size())
					.stream()
					.filter((line) -> !line.startsWith("--"))
					.map((line) -> line.substring(0, line.length() - 1))
					.toList();
			}
			List<SmallsMigration> withSquash = new ArrayList<>(migrations);
			withSquash.add(squash);
			this.effort.rounds(List.of(PlainJdbcContender.NAME, SmallsContender.NAME, REPLAY), 1, 5,
					(name, measured) -> {
						try (HikariDataSource dataSource = database.pool(database.freshUrl(false))) {
							double millis = switch (name) {
								case PlainJdbcContender.NAME -> plainJdbc(dataSource, statements, size);
								case SmallsContender.NAME -> smalls(dataSource, withSquash, size, 1);
								default -> smalls(dataSource, migrations, size, size);
							};
							if (measured) {
								report.add(NAME, database, size, name, millis);
							}
						}
					});
		}
	}

	private static double smalls(DataSource dataSource, List<SmallsMigration> migrations, int size, int steps) {
		SmallsMigrator migrator = SmallsMigrator.builder(dataSource).migrations(migrations).build();
		long started = System.nanoTime();
		MigrateResult result = migrator.migrate(size);
		double millis = Effort.millisSince(started);
		if (result.applied().size() != steps || result.current() != size) {
			throw new IllegalStateException("smalls ran " + result.applied().size() + " steps to " + result.current());
		}
		return millis;
	}

	private static double plainJdbc(DataSource dataSource, List<String> statements, int size) throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE copy_history (sequence_no INT PRIMARY KEY, name VARCHAR(100) NOT NULL, "
						+ "batch INT NOT NULL, applied_at TIMESTAMP NOT NULL, checksum VARCHAR(64))");
			}
			long started = System.nanoTime();
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement();
					PreparedStatement insert = connection.prepareStatement("INSERT INTO copy_history VALUES (?, ?, 1, ?, ?)")) {
				for (String sql : statements) {
					statement.execute(sql);
				}
				Timestamp now = new Timestamp(System.currentTimeMillis());
				for (int sequence = 1; sequence <= size; sequence++) {
					insert.setInt(1, sequence);
					insert.setString(2, "migration_" + sequence);
					insert.setTimestamp(3, now);
					insert.setString(4, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
					insert.addBatch();
				}
				insert.executeBatch();
			}
			connection.commit();
			return Effort.millisSince(started);
		}
	}

	/** A squash as the generated class is, from what {@code squash()} found. */
	private record Squash(List<Replaced> replaced, SchemaRecreation operations) implements SquashMigration {

		@Override
		public void change(Schema schema) {
			this.operations.record(schema);
		}

	}

}
