package dev.smalls.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import dev.smalls.SmallsMigrator;

import static dev.smalls.schema.ColumnType.varchar;

/**
 * A separate JVM that migrates with a progress listener recording to a file, as an engine's
 * marker would, and that stops for good inside the listener once it hears that a given
 * operation took effect: after its DDL committed, before its progress is recorded. Its
 * parent kills it there with SIGKILL.
 * <p>
 * Arguments: JDBC URL, user, password, progress file, operation to stop after.
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
		Path progressFile = Path.of(args[3]);
		int stopAfter = Integer.parseInt(args[4]);
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(args[0]);
		dataSource.setUsername(args[1]);
		dataSource.setPassword(args[2]);
		SmallsMigrator migrator = SmallsMigrator.builder(dataSource)
			.migrations(SampleSchema.MIGRATION, MIGRATION)
			.lockTimeout(Duration.ofSeconds(30))
			.build();
		SchemaProgress.Listener marker = (certain, possible) -> {
			if (certain == stopAfter && possible == stopAfter) {
				System.out.println(STOPPED + stopAfter);
				System.out.flush();
				sleep();
			}
			try {
				Files.writeString(progressFile, certain + " " + possible + "\n", StandardOpenOption.CREATE,
						StandardOpenOption.APPEND, StandardOpenOption.SYNC);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		};
		try (SchemaProgress.Binding binding = SchemaProgress.bind(marker)) {
			migrator.migrate();
		}
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
