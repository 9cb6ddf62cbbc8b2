package dev.smalls.dialect;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Who holds the migration lock, as far as the database can tell.
 *
 * @param description who it is, e.g. {@code pid 4711, user app, application 'api', client
 * 10.0.0.5}
 * @param since since when it holds the lock (or its session or transaction started), when
 * known
 */
public record LockHolder(String description, @Nullable Instant since) {
}
