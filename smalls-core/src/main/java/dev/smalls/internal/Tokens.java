package dev.smalls.internal;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Values unique to each step's transaction, which the step's own code cannot know: what
 * identifies the transaction a step began in. Hex digits only, so that they can be part of
 * an identifier. Internal: not for use outside smalls.
 */
final class Tokens {

	private static final String PREFIX = Long.toHexString(new SecureRandom().nextLong() | Long.MIN_VALUE);

	private static final AtomicLong COUNTER = new AtomicLong();

	private Tokens() {
	}

	static String next() {
		return PREFIX + Long.toHexString(COUNTER.incrementAndGet());
	}

}
