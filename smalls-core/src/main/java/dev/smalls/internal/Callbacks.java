package dev.smalls.internal;

import java.util.List;

import dev.smalls.MigrationExecution;
import dev.smalls.SmallsCallback;
import dev.smalls.SmallsException;
import dev.smalls.SmallsMigrationException.Operation;

/**
 * Calls the {@link SmallsCallback}s in order. A "before" callback's exception propagates (it
 * stops what was about to happen); an "after" or failure callback's is logged, because what
 * it reports on is already committed. Internal: not for use outside smalls.
 */
final class Callbacks {

	private final List<SmallsCallback> callbacks;

	Callbacks(List<SmallsCallback> callbacks) {
		this.callbacks = List.copyOf(callbacks);
	}

	void beforeRun(Operation operation, List<MigrationExecution> planned) {
		for (SmallsCallback callback : this.callbacks) {
			callback.beforeRun(operation, planned);
		}
	}

	void beforeStep(Operation operation, int sequence, String name) {
		for (SmallsCallback callback : this.callbacks) {
			callback.beforeStep(operation, sequence, name);
		}
	}

	void afterStep(Operation operation, MigrationExecution step) {
		for (SmallsCallback callback : this.callbacks) {
			safely(callback, "afterStep", () -> callback.afterStep(operation, step));
		}
	}

	void onStepFailure(Operation operation, int sequence, String name, Throwable failure) {
		for (SmallsCallback callback : this.callbacks) {
			safely(callback, "onStepFailure", () -> callback.onStepFailure(operation, sequence, name, failure));
		}
	}

	void afterRun(Operation operation, List<MigrationExecution> completed) {
		for (SmallsCallback callback : this.callbacks) {
			safely(callback, "afterRun", () -> callback.afterRun(operation, completed));
		}
	}

	void onFailure(Operation operation, SmallsException failure) {
		for (SmallsCallback callback : this.callbacks) {
			safely(callback, "onFailure", () -> callback.onFailure(operation, failure));
		}
	}

	boolean isEmpty() {
		return this.callbacks.isEmpty();
	}

	private static void safely(SmallsCallback callback, String method, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			RunSession.Logging.logger.warn("SmallsCallback " + callback.getClass().getName() + "." + method
					+ " failed; the run's outcome stands: " + Failures.causeOf(ex), ex);
		}
	}

}
