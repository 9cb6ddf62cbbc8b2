package dev.smalls;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.smalls.dialect.LockStrategy;

/**
 * Whether another instance holds the migration lock right now, and who, as far as the
 * database can tell.
 *
 * @param held whether the lock is held
 * @param holder who holds it (a backend, a connection, a process), when held and known
 * @param since since when, when known
 * @param strategy the lock strategy this migrator uses
 */
public record LockStatus(boolean held, @Nullable String holder, @Nullable Instant since, LockStrategy strategy) {
}
