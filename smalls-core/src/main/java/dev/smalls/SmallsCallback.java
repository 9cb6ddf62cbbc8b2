package dev.smalls;

import java.util.List;

import dev.smalls.SmallsMigrationException.Operation;

/**
 * Told what a migrate or rollback run does: for audit logs, cache eviction, notifications,
 * metrics. Every method has an empty default; implement the ones you need. In a Spring Boot
 * application every bean of this type is registered, in {@code @Order}.
 * <p>
 * Callbacks are called only for runs that change something, on the thread that runs them,
 * while the migration lock is held; a start-up with nothing pending calls none. An
 * exception thrown by {@link #beforeRun} or {@link #beforeStep} stops the run before that
 * run or step changes anything and is reported as its failure; one thrown by the other
 * methods is logged and ignored, because what it would report on is already committed.
 */
public interface SmallsCallback {

	/**
	 * A run is about to start.
	 * @param operation migrate or rollback
	 * @param planned the migrations it will apply or roll back, in order, each with its
	 * sequence and name ({@link MigrationExecution#millis()} is 0)
	 */
	default void beforeRun(Operation operation, List<MigrationExecution> planned) {
	}

	/**
	 * A migration is about to be applied or rolled back.
	 * @param operation migrate or rollback
	 * @param sequence its sequence
	 * @param name its name
	 */
	default void beforeStep(Operation operation, int sequence, String name) {
	}

	/**
	 * A migration was applied or rolled back and its history change committed.
	 * @param operation migrate or rollback
	 * @param step what ran, and how long it took
	 */
	default void afterStep(Operation operation, MigrationExecution step) {
	}

	/**
	 * A migration failed; {@link #onFailure} follows for the run.
	 * @param operation migrate or rollback
	 * @param sequence its sequence
	 * @param name its name
	 * @param failure what it threw
	 */
	default void onStepFailure(Operation operation, int sequence, String name, Throwable failure) {
	}

	/**
	 * A run completed.
	 * @param operation migrate or rollback
	 * @param completed what it applied or rolled back, in order
	 */
	default void afterRun(Operation operation, List<MigrationExecution> completed) {
	}

	/**
	 * A run stopped on a failure; what it completed before stays done.
	 * @param operation migrate or rollback
	 * @param failure the failure, as the caller of the run receives it
	 */
	default void onFailure(Operation operation, SmallsException failure) {
	}

}
