package dev.smalls.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The DDL timeouts of migration steps, and how a step that gave up waiting for a lock is
 * retried. Internal: not for use outside smalls.
 *
 * @param lockTimeout the longest a statement of a migration step may wait for a lock, or
 * {@code null} for the database's own setting
 * @param statementTimeout the longest a statement of a migration step may run, or
 * {@code null} for none of smalls' own
 * @param lockRetries how many times a step that gave up waiting for a lock, and was rolled
 * back, runs again
 * @param retryBackoff the pause before the first retry: each next one doubles, with jitter
 */
record DdlSettings(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout, int lockRetries,
		Duration retryBackoff) {

	/** The longest pause between two attempts. */
	static final Duration MAX_PAUSE = Duration.ofSeconds(30);

	/** No DDL timeouts, no retries. */
	static final DdlSettings NONE = new DdlSettings(null, null, 0, Duration.ofSeconds(1));

	/**
	 * The pause before a retry: {@code retryBackoff * 2^(retry - 1)}, at most 30 s (or the
	 * backoff itself, if longer), of which a random part (up to half) is left out, so that
	 * instances that failed together do not retry together.
	 * @param retry the retry, from 1
	 * @return the pause
	 */
	Duration pause(int retry) {
		long base = this.retryBackoff.toMillis();
		long cap = Math.max(base, MAX_PAUSE.toMillis());
		long full = Math.min(cap, base << Math.min(20, Math.max(0, retry - 1)));
		long jitter = (full > 1) ? ThreadLocalRandom.current().nextLong(full / 2 + 1) : 0;
		return Duration.ofMillis(full - jitter);
	}

}
