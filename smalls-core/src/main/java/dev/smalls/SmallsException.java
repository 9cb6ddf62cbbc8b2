package dev.smalls;

import org.jspecify.annotations.Nullable;

/**
 * Base of every error smalls raises. The message says what failed; {@link #getAction()} says
 * what the person at the terminal can do about it.
 */
public class SmallsException extends RuntimeException {

	private final String action;

	public SmallsException(String message, String action) {
		this(message, action, null);
	}

	public SmallsException(String message, String action, @Nullable Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	/**
	 * What to do next.
	 * @return a sentence or two addressed to the operator
	 */
	public String getAction() {
		return this.action;
	}

}
