package dev.smalls;

import org.jspecify.annotations.Nullable;

/**
 * The database-wide migration lock could not be taken in time: another instance is
 * migrating. Nothing ran.
 */
public class SmallsLockException extends SmallsException {

	public SmallsLockException(String message, String action, @Nullable Throwable cause) {
		super(message, action, cause);
	}

}
