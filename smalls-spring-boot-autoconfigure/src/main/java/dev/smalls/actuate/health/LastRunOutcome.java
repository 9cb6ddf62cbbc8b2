package dev.smalls.actuate.health;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.smalls.MigrationExecution;
import dev.smalls.SmallsCallback;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Operation;

/**
 * Remembers whether the last migrate or rollback run of this application failed in a step,
 * for {@link SmallsHealthIndicator}. A later run that completes clears it. A request that
 * was refused before anything ran (a bad target, the lock held too long) changes nothing
 * in the database, so it changes nothing here either.
 */
public class LastRunOutcome implements SmallsCallback {

	private volatile @Nullable SmallsMigrationException failure;

	@Override
	public void afterRun(Operation operation, List<MigrationExecution> completed) {
		this.failure = null;
	}

	@Override
	public void onFailure(Operation operation, SmallsException failure) {
		if (failure instanceof SmallsMigrationException migrationFailure) {
			this.failure = migrationFailure;
		}
	}

	/**
	 * The failure of the last run, if it failed.
	 * @return the failure, or {@code null} if the last run completed or none ran
	 */
	public @Nullable SmallsMigrationException getFailure() {
		return this.failure;
	}

}
