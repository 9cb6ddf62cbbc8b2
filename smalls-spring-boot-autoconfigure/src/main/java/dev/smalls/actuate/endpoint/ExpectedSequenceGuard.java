package dev.smalls.actuate.endpoint;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.core.Ordered;

import dev.smalls.MigrationExecution;
import dev.smalls.SmallsCallback;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsMigrator;

/**
 * Checks a request's {@code "expected"} sequence again once the migration lock is held,
 * before anything changes: another instance may have moved the database between the
 * endpoint's first look and the lock (a retried {@code {"batches": 1}} arriving while the
 * first one still runs), and only a check under the lock can refuse it. A
 * {@link SmallsCallback}, so the migrator calls it under its lock on the request's thread.
 * The engine calls callbacks only for a run that changes something: a run that finds nothing
 * left to do is checked by the endpoint instead, on the sequence the run reports.
 */
public class ExpectedSequenceGuard implements SmallsCallback, Ordered {

	private final ThreadLocal<Expectation> expected = new ThreadLocal<>();

	private final ObjectFactory<SmallsMigrator> migrator;

	/**
	 * Create a guard.
	 * @param migrator the migrator that calls this guard back, looked up when first needed
	 * (it is built with this guard among its callbacks)
	 */
	public ExpectedSequenceGuard(ObjectFactory<SmallsMigrator> migrator) {
		this.migrator = migrator;
	}

	/**
	 * Run a migrate or rollback of the application's migrator that must find the database at
	 * a given sequence.
	 * @param <T> the result
	 * @param sequence the sequence the database must be at when the run starts
	 * @param run the run
	 * @return its result
	 * @throws SequenceMismatch if the database is elsewhere; nothing changed
	 */
	<T> T expecting(int sequence, Supplier<T> run) {
		return expecting(this.migrator.getObject(), sequence, run);
	}

	/**
	 * Run a migrate or rollback of a migrator that must find its database at a given
	 * sequence: the application's, or a tenant's (built with the same callbacks).
	 * @param <T> the result
	 * @param migrator the migrator that runs
	 * @param sequence the sequence the database must be at when the run starts
	 * @param run the run
	 * @return its result
	 * @throws SequenceMismatch if the database is elsewhere; nothing changed
	 */
	<T> T expecting(SmallsMigrator migrator, int sequence, Supplier<T> run) {
		int current = migrator.status().current();
		if (current != sequence) {
			throw new SequenceMismatch(sequence, current);
		}
		this.expected.set(new Expectation(migrator, sequence));
		try {
			return run.get();
		}
		finally {
			this.expected.remove();
		}
	}

	@Override
	public void beforeRun(Operation operation, List<MigrationExecution> planned) {
		Expectation expectation = this.expected.get();
		if (expectation == null) {
			return;
		}
		// Under the lock: no other instance can change the history until this run ends.
		int current = expectation.migrator().status().current();
		if (current != expectation.sequence()) {
			throw new SequenceMismatch(expectation.sequence(), current);
		}
	}

	@Override
	public int getOrder() {
		// First, so that no other callback hears of a run that will not happen.
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private record Expectation(SmallsMigrator migrator, int sequence) {
	}

	/**
	 * The database is not at the sequence the request expected: nothing changed.
	 */
	static final class SequenceMismatch extends RuntimeException {

		private final int expected;

		private final int current;

		SequenceMismatch(int expected, int current) {
			super("The database is at sequence " + current + ", not " + expected + " as the request expected");
			this.expected = expected;
			this.current = current;
		}

		int getExpected() {
			return this.expected;
		}

		int getCurrent() {
			return this.current;
		}

	}

}
