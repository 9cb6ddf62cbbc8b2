package dev.smalls.dialect.lock;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Retries a try-lock until it succeeds or time runs out, backing off so that waiting
 * instances do not hammer the database.
 */
final class Polling {

	private static final long MAX_PAUSE_MILLIS = 500;

	private Polling() {
	}

	static boolean until(Duration timeout, Attempt attempt) throws SQLException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long pause = 10;
		while (true) {
			if (attempt.tryOnce()) {
				return true;
			}
			long left = (deadline - System.nanoTime()) / 1_000_000;
			if (left <= 0) {
				return false;
			}
			try {
				Thread.sleep(Math.min(pause, left));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
		}
	}

	@FunctionalInterface
	interface Attempt {

		boolean tryOnce() throws SQLException;

	}

}
