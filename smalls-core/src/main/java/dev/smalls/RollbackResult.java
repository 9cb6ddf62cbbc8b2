package dev.smalls;

import java.util.List;

/**
 * What {@link SmallsMigrator#rollback(int)} or {@link SmallsMigrator#rollbackBatches(int)} did.
 *
 * @param rolledBack the migrations rolled back, newest first
 * @param current the highest applied sequence afterwards
 */
public record RollbackResult(List<MigrationExecution> rolledBack, int current) {

	public RollbackResult {
		rolledBack = List.copyOf(rolledBack);
	}

}
