package dev.smalls;

import java.util.List;

/**
 * What {@link SmallsMigrator#migrate()} did.
 *
 * @param batch the batch number the migrations were recorded under, 0 when nothing ran
 * @param applied the migrations applied, in order
 * @param current the highest applied sequence afterwards
 */
public record MigrateResult(int batch, List<MigrationExecution> applied, int current) {

	public MigrateResult {
		applied = List.copyOf(applied);
	}

}
