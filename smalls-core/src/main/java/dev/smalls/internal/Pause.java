package dev.smalls.internal;

import java.util.function.Supplier;

/**
 * The wait between two tries of a lock that each transaction takes: doubling from 10 ms to
 * half a second, so that waiting instances do not hammer the database, and never past the
 * deadline. Internal: not for use outside smalls.
 */
final class Pause {

	private static final long MAX_MILLIS = 500;

	private Pause() {
	}

	/**
	 * Sleep before the next try.
	 * @param pause how long to sleep, in milliseconds
	 * @param deadline {@link System#nanoTime()} after which there is no next try
	 * @param timedOut the failure once the deadline has passed
	 * @return the pause before the try after
	 * @throws RuntimeException {@code timedOut}'s, once the deadline has passed or the
	 * thread is interrupted
	 */
	static long next(long pause, long deadline, Supplier<? extends RuntimeException> timedOut) {
		long left = (deadline - System.nanoTime()) / 1_000_000;
		if (left <= 0) {
			throw timedOut.get();
		}
		try {
			Thread.sleep(Math.min(pause, left));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw timedOut.get();
		}
		return Math.min(pause * 2, MAX_MILLIS);
	}

}
