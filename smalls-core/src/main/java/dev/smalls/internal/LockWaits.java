package dev.smalls.internal;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import dev.smalls.MigrationNames;
import dev.smalls.SmallsMigrationException;
import dev.smalls.SmallsMigrationException.Operation;
import dev.smalls.SmallsMigrationException.Outcome;
import dev.smalls.dialect.DdlTimeouts.Blocker;

/**
 * Words for a migration step that gave up waiting for a lock: the warning before each retry,
 * and the failure once it stops, each naming the sessions that held the lock and how to end
 * them. Internal: not for use outside smalls.
 */
final class LockWaits {

	private LockWaits() {
	}

	/**
	 * The warning logged before a step runs again.
	 * @param failure the attempt's failure, rolled back
	 * @param waits how long each attempt so far took before it gave up
	 * @param blockers the sessions that held the lock
	 * @param ddl the DDL settings
	 * @param pause the pause before the next attempt
	 * @return the warning
	 */
	static String retrying(SmallsMigrationException failure, List<Duration> waits, List<Blocker> blockers,
			DdlSettings ddl, Duration pause) {
		return step(failure) + " gave up waiting for a lock after " + waits.get(waits.size() - 1).toMillis()
				+ " ms (attempt " + waits.size() + " of " + (ddl.lockRetries() + 1) + ", lock timeout "
				+ timeout(ddl) + ") and was rolled back. " + held(blockers) + " Trying again in " + pause.toMillis()
				+ " ms.";
	}

	/**
	 * The failure of a step that gave up waiting for a lock and is not retried (any more).
	 * @param failure the last attempt's failure
	 * @param waits how long each attempt took before it gave up
	 * @param blockers the sessions that held the lock at the last attempt
	 * @param ddl the DDL settings
	 * @return the failure, with the attempts and the sessions said
	 */
	static SmallsMigrationException failure(SmallsMigrationException failure, List<Duration> waits,
			List<Blocker> blockers, DdlSettings ddl) {
		boolean rolledBack = failure.getOutcome() == Outcome.ROLLED_BACK;
		String times = waits.stream().map((wait) -> Long.toString(wait.toMillis())).collect(Collectors.joining(", "));
		StringBuilder message = new StringBuilder(failure.getMessage());
		message.append(' ');
		if (waits.size() == 1) {
			message.append("It gave up waiting for a lock after ").append(times).append(" ms (lock timeout ")
				.append(timeout(ddl)).append(").");
		}
		else {
			message.append("It gave up waiting for a lock ").append(waits.size()).append(" times, after ")
				.append(times).append(" ms (lock timeout ").append(timeout(ddl)).append(", ")
				.append(ddl.lockRetries()).append((ddl.lockRetries() == 1) ? " retry" : " retries").append(").");
		}
		if (!rolledBack && ddl.lockRetries() > 0) {
			message.append(" It was not retried: part of it may be in effect.");
		}
		message.append(' ').append(held(blockers));
		String ending = blockers.stream().map(Blocker::end).collect(Collectors.joining("; "));
		String endThem = blockers.isEmpty() ? "Find the session that holds a lock on the tables it changes"
				: "Let " + ((blockers.size() == 1) ? "the session" : "the sessions") + " that held the lock finish, or "
						+ "end " + ((blockers.size() == 1) ? "it" : "them") + " (" + ending + ")";
		String action = rolledBack
				? endThem + ", then run " + ((failure.getOperation() == Operation.MIGRATE) ? "migrate" : "rollback")
						+ " again; or run it when the tables are less busy, or allow more attempts "
						+ "(smalls.ddl.lock-retries, SmallsMigrator.Builder.ddlLockRetries)."
				: failure.getAction() + " " + endThem + " before you run it again.";
		SmallsMigrationException stopped = new SmallsMigrationException(message.toString(), action,
				(failure.getCause() != null) ? failure.getCause() : failure, failure.getOperation(),
				failure.getFailedSequence(), failure.getFailedName(), failure.getCompleted(), failure.getCurrent(),
				failure.getOutcome());
		for (Throwable suppressed : failure.getSuppressed()) {
			stopped.addSuppressed(suppressed);
		}
		return stopped;
	}

	private static String step(SmallsMigrationException failure) {
		String shown = MigrationNames.display(failure.getFailedSequence(), failure.getFailedName());
		return (failure.getOperation() == Operation.MIGRATE) ? "Migration " + shown : "Rollback of " + shown;
	}

	private static String timeout(DdlSettings ddl) {
		return (ddl.lockTimeout() != null) ? ddl.lockTimeout().toMillis() + " ms" : "the database's own";
	}

	private static String held(List<Blocker> blockers) {
		if (blockers.isEmpty()) {
			return "smalls could not tell which session held the lock (it may have ended).";
		}
		return "The lock was held by " + blockers.stream().map(Blocker::describe).collect(Collectors.joining("; "))
				+ ".";
	}

}
