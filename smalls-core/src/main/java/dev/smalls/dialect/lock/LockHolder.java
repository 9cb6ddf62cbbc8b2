package dev.smalls.dialect.lock;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Who holds the migration lock, as far as the database can tell.
 *
 * @param description who it is, e.g. {@code pid 4711, user app, application 'api', client
 * 10.0.0.5}
 * @param since since when it holds the lock (or its session or transaction started), when
 * known
 * @param ifGone what to do if the holder's process is gone (killed) and the database keeps
 * the lock anyway, e.g. how to end an orphaned session; {@code null} where the lock goes
 * with its holder
 */
public record LockHolder(String description, @Nullable Instant since, @Nullable String ifGone) {

	/**
	 * A holder whose lock goes with it.
	 * @param description who it is
	 * @param since since when, when known
	 */
	public LockHolder(String description, @Nullable Instant since) {
		this(description, since, null);
	}

}
