package dev.smalls.actuate.metrics;

import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.smalls.DataMigration;
import dev.smalls.DataMigrationProgress;
import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigrator;

/**
 * Gauges of each data migration's progress, tagged {@code migration} (e.g.
 * {@code 0007_fill_full_name}): {@code smalls.data.rows.done}, {@code smalls.data.rows.left}
 * ({@code NaN} while unknown) and {@code smalls.data.batches.failed}, as this instance last
 * saw them (its background run, or its last look at the database). Reading them never
 * touches the database.
 */
public class SmallsDataMigrationMetrics implements MeterBinder {

	private final SmallsMigrator migrator;

	private final Supplier<Map<Integer, DataMigrationProgress>> latest;

	/**
	 * Create the gauges' binder.
	 * @param migrator the migrator whose data migrations to report
	 * @param latest their progress as last seen, by sequence, read without touching the
	 * database
	 */
	public SmallsDataMigrationMetrics(SmallsMigrator migrator, Supplier<Map<Integer, DataMigrationProgress>> latest) {
		this.migrator = migrator;
		this.latest = latest;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (var migration : this.migrator.getMigrations()) {
			if (migration instanceof DataMigration) {
				int sequence = migration.sequence();
				String tag = MigrationNames.display(sequence, migration.name());
				gauge(registry, "smalls.data.rows.done", "Rows the data migration's batches processed", tag, sequence,
						DataMigrationProgress::rowsDone);
				gauge(registry, "smalls.data.rows.left", "Rows the data migration has left to process", tag, sequence,
						(progress) -> (progress.rowsLeft() >= 0) ? progress.rowsLeft() : Double.NaN);
				gauge(registry, "smalls.data.batches.failed", "The data migration's batches that failed and were "
						+ "rolled back", tag, sequence, DataMigrationProgress::failures);
			}
		}
	}

	private void gauge(MeterRegistry registry, String name, String description, String tag, int sequence,
			ToDoubleFunction<DataMigrationProgress> value) {
		Gauge.builder(name, this.latest, (latest) -> {
			DataMigrationProgress progress = latest.get().get(sequence);
			return (progress != null) ? value.applyAsDouble(progress) : Double.NaN;
		}).description(description).tag("migration", tag).register(registry);
	}

}
