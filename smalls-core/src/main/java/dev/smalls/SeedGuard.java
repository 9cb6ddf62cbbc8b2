package dev.smalls;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether seed data may be written to this database.
 */
@FunctionalInterface
public interface SeedGuard {

	/** A guard that never refuses. */
	SeedGuard ALLOW = () -> null;

	/**
	 * Why seeding must not run here.
	 * @return the reason, or {@code null} to allow it
	 */
	@Nullable String refusal();

}
