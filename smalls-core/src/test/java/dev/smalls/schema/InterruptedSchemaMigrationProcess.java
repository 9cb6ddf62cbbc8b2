package dev.smalls.schema;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import dev.smalls.SmallsMigrator;
import dev.smalls.testsupport.MarkProgress;

import static dev.smalls.schema.ColumnType.varchar;

/**
 * A separate JVM that migrates and stops for good once it hears that a given operation took
 * effect: after its DDL committed, before the engine records that progress (a listener bound
 * around the run hears first). Its parent kills it there with SIGKILL.
 * <p>
 * Arguments: JDBC URL, user, password, operation to stop after.
 */
public final class InterruptedSchemaMigrationProcess {

	/** The migration it runs, after {@link SampleSchema#MIGRATION}. */
	static final TestSchemaMigration MIGRATION = new TestSchemaMigration(2, "add_t_5", (schema) -> {
		schema.createTable("t_5", (table) -> {
			table.id("id");
			table.column("name", varchar(50));
		});
		schema.addColumn("users", "nickname", varchar(50));
		schema.addIndex("users", "users_nickname_idx", "nickname");
	});

	static final String STOPPED = "STOPPED AFTER OPERATION ";

	private InterruptedSchemaMigrationProcess() {
	}

	public static void main(String[] args) throws Exception {
		int stopAfter = Integer.parseInt(args[3]);
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(args[0]);
		dataSource.setUsername(args[1]);
		dataSource.setPassword(args[2]);
		// Stopped once operation stopAfter is done, before the mark says so: it still says the
		// operation may be in effect, as a process killed there leaves it.
		SmallsMigrator migrator = SmallsMigrator.builder(MarkProgress.beforeWrite(dataSource, (certain, possible) -> {
			if (certain == stopAfter && possible == stopAfter) {
				System.out.println(STOPPED + stopAfter);
				System.out.flush();
				sleep();
			}
		}))
			.migrations(SampleSchema.MIGRATION, MIGRATION)
			.lockTimeout(Duration.ofSeconds(30))
			.build();
		migrator.migrate();
		System.out.println("MIGRATED WITHOUT STOPPING");
	}

	private static void sleep() {
		try {
			Thread.sleep(Duration.ofMinutes(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
