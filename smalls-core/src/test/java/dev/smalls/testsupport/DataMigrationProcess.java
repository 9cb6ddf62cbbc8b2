package dev.smalls.testsupport;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import dev.smalls.DataMigration;
import dev.smalls.DataMigrationProgress;
import dev.smalls.SmallsMigrator;

/**
 * A separate JVM that migrates and then runs the {@link Backfill} to its end, as an
 * application's instance would: {@code <url> <user> <password or -> <batch size> <lease ms>
 * [load <pause ms>]} ({@code load}: the {@link LoadBackfill} instead). Prints
 * {@code BATCH <rows done> <ms>} after each batch (the load backfill's: from the batch's
 * entry into migrateBatch to its commit; otherwise since the last batch), {@code WAIT} while
 * another instance holds it, and
 * {@code END <state>} at the end, so that a test can kill it part-way.
 */
public final class DataMigrationProcess {

	private DataMigrationProcess() {
	}

	public static void main(String[] args) {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(args[0]);
			dataSource.setUsername(args[1]);
			dataSource.setPassword("-".equals(args[2]) ? "" : args[2]);
			dataSource.setMaximumPoolSize(3);
			int size = Integer.parseInt(args[3]);
			DataMigration backfill = (args.length > 5 && args[5].equals("load"))
					? new LoadBackfill(size, Duration.ofMillis(Long.parseLong(args[6]))) : new Backfill(size);
			SmallsMigrator migrator = SmallsMigrator.builder(dataSource).migrations(Backfill.SCHEMA, backfill).build();
			migrator.migrate();
			long[] last = { System.nanoTime(), 0 };
			var result = migrator.dataMigrations()
				.withLease(Duration.ofMillis(Long.parseLong(args[4])))
				.run((progress) -> {
					long now = System.nanoTime();
					long entered = LoadBackfill.enteredNanos;
					boolean load = backfill instanceof LoadBackfill;
					if (load ? entered == last[1] : progress.rowsDone() == last[1]) {
						// A report while another instance holds it: no batch ran.
						out.println("WAIT " + progress.rowsDone());
						return;
					}
					out.println("BATCH " + progress.rowsDone() + " " + (now - (load ? entered : last[0])) / 1_000_000);
					last[0] = now;
					last[1] = load ? entered : progress.rowsDone();
				}, () -> false);
			out.println("END " + result.stream().map(DataMigrationProgress::state).toList());
		}
	}

}
